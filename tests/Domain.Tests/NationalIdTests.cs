using PartnerPrograms.Domain.Common;

namespace PartnerPrograms.Domain.Tests;

public class NationalIdTests
{
    // 1-1037-00123-45-? : 1·13+1·12+0·11+3·10+7·9+0·8+0·7+1·6+2·5+3·4+4·3+5·2 = 168; 168 mod 11 = 3; (11−3) mod 10 = 8
    private const string Valid = "1103700123458";

    [Theory]
    [InlineData("1103700123458")]
    [InlineData("1-1037-00123-45-8")]
    [InlineData(" 1 1037 00123 45 8 ")]
    [InlineData("๑-๑๐๓๗-๐๐๑๒๓-๔๕-๘")]
    public void Accepts_the_formats_people_type(string input)
    {
        NationalId.TryParse(input, out var digits).ShouldBeTrue();
        digits.ShouldBe(Valid);
        NationalId.Validate(input).ShouldBeNull();
    }

    [Theory]
    [InlineData("1103700123459", "The national ID's check digit is wrong.")]
    [InlineData("110370012345", "The national ID must have 13 digits.")]
    [InlineData("11037001234580", "The national ID must have 13 digits.")]
    [InlineData("1103700I23458", "The national ID must have 13 digits.")]
    [InlineData("", "The national ID is required.")]
    public void Refuses_with_the_reason(string input, string reason)
    {
        NationalId.TryParse(input, out _).ShouldBeFalse();
        NationalId.Validate(input).ShouldBe(reason);
    }

    [Fact]
    public void Every_wrong_check_digit_is_caught()
    {
        for (var d = 0; d <= 9; d++)
        {
            var candidate = Valid[..12] + d;
            NationalId.HasValidChecksum(candidate).ShouldBe(d == 8, candidate);
        }
    }

    [Fact]
    public void Generated_ids_validate()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var first12 = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('0' + random.Next(10))));
            NationalId.HasValidChecksum(NationalId.WithCheckDigit(first12)).ShouldBeTrue();
        }
    }

    [Fact]
    public void Masks_and_formats()
    {
        NationalId.Mask(Valid).ShouldBe("1-1037-xxxxx-xx-8");
        NationalId.Format(Valid).ShouldBe("1-1037-00123-45-8");
        NationalId.Mask(null).ShouldBe("–");
    }

    [Fact]
    public void Redacts_ids_in_free_text_but_not_other_numbers()
    {
        NationalId.Redact($"trainee {Valid} imported").ShouldBe("trainee 1-1037-xxxxx-xx-8 imported");
        NationalId.Redact("id 1-1037-00123-45-8.").ShouldBe("id 1-1037-xxxxx-xx-8.");
        NationalId.Redact("sales 6125553509 baht, phone 0812345678").ShouldBe("sales 6125553509 baht, phone 0812345678");
    }
}
