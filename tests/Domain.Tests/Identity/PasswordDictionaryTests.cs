using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Domain.Tests.Identity;

public class PasswordDictionaryTests
{
    private static readonly PasswordDictionary Words = new(["password", "qwertyuiop", "monkey", "123456789012", "sawasdee", "ab"]);

    [Theory]
    [InlineData("password")]
    [InlineData("PassWord")]
    [InlineData("123456789012")]
    [InlineData("password1234")]
    [InlineData("Password2563!")]
    [InlineData("qwertyuiop12")]
    [InlineData("!!monkey2567")]
    [InlineData("sawasdee ๒๕๖๗")]
    public void Refuses_a_listed_word_alone_or_padded_with_digits_and_symbols(string password) =>
        Words.IsCommon(password).ShouldBeTrue();

    [Theory]
    [InlineData("Test-Password-2563")]  // the word inside a longer phrase is not the phrase
    [InlineData("monkey-in-the-rain-7")]
    [InlineData("ab1234567890")]         // a two-letter core is no word
    [InlineData("ลิงกินกล้วย2567")]
    [InlineData("")]
    [InlineData(null)]
    public void Accepts_what_is_not_a_listed_word(string? password) =>
        Words.IsCommon(password).ShouldBeFalse();

    [Fact]
    public void Blank_lines_and_spaces_in_the_list_are_ignored()
    {
        var words = new PasswordDictionary(["", "  letmein  ", "letmein"]);
        words.Count.ShouldBe(1);
        words.IsCommon("LETMEIN").ShouldBeTrue();
    }
}
