using PartnerPrograms.Domain.Common;

namespace PartnerPrograms.Domain.Tests.Common;

public class ThaiTextTests
{
    [Fact]
    public void Thai_names_sort_as_in_a_Thai_dictionary_leading_vowels_by_their_consonant()
    {
        string[] provinces = ["อ่างทอง", "เชียงใหม่", "กรุงเทพมหานคร", "แพร่", "ลำปาง", "ชัยนาท"];
        Assert.Equal(
            ["กรุงเทพมหานคร", "ชัยนาท", "เชียงใหม่", "แพร่", "ลำปาง", "อ่างทอง"],
            provinces.Order(ThaiCollation.Comparer));

        string[] names = ["อำนาจ", "เกษม", "สมชาย", "ไพโรจน์", "กมล"];
        Assert.Equal(["กมล", "เกษม", "ไพโรจน์", "สมชาย", "อำนาจ"], names.Order(ThaiCollation.Comparer));
    }

    [Theory]
    [InlineData("นางสาวสุดารัตน์", "สุดารัตน์")]
    [InlineData("นางสาว สุดารัตน์ ใจดี", "สุดารัตน์ ใจดี")]
    [InlineData("นายสมชาย", "สมชาย")]
    [InlineData("นางมาลี", "มาลี")]
    [InlineData("น.ส.สุดารัตน์", "สุดารัตน์")]
    [InlineData("ด.ญ. ปิยะดา", "ปิยะดา")]
    [InlineData("Mr Somchai", "Somchai")]
    [InlineData("Mrinal", "Mrinal")]
    [InlineData("นาย", "นาย")]
    [InlineData("  สุดา   รัตน์ ", "สุดา รัตน์")]
    public void A_title_typed_before_a_name_is_dropped(string typed, string searched) =>
        Assert.Equal(searched, SearchText.WithoutTitle(typed));

    [Theory]
    [InlineData("081-234-5678", "0812345678")]
    [InlineData("081 234 5678", "0812345678")]
    [InlineData("๐๘๑-๒๓๔-๕๖๗๘", "0812345678")]
    [InlineData("+66 81 234 5678", "66812345678")]
    [InlineData("(02) 123.4567", "021234567")]
    [InlineData("5678", "5678")]
    [InlineData("12", null)]
    [InlineData("สุดารัตน์", null)]
    [InlineData("รุ่น 2/2564", null)]
    public void A_phone_typed_any_way_is_searched_by_its_digits(string typed, string? digits) =>
        Assert.Equal(digits, SearchText.PhoneDigits(typed));

    [Fact]
    public void Thai_digits_in_a_search_read_as_Arabic() =>
        Assert.Equal("MOU-2563-001", SearchText.Normalize("MOU-๒๕๖๓-๐๐๑"));
}
