using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>The address check used by the invitation, community and import forms (MimeKit's parser, a bare address).</summary>
public class EmailAddressesTests
{
    [Theory]
    [InlineData("somchai@example.org", true)]
    [InlineData("  somchai.j+mou@sub.example.co.th ", true)]
    [InlineData("officer@localhost", true)]
    [InlineData("สมชาย <somchai@example.org>", false)]
    [InlineData("somchai@example.org, other@example.org", false)]
    [InlineData("somchai@example.org\r\nBcc: x@evil.example", false)]
    [InlineData("not-an-email", false)]
    [InlineData("@example.org", false)]
    [InlineData("somchai@", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_single_bare_address_is_valid(string? value, bool valid) => EmailAddresses.IsValid(value).ShouldBe(valid);

    [Fact]
    public void Headers_are_kept_on_one_line()
    {
        HeaderText.Clean("ภารกิจ\r\nBcc: x@evil.example\u0085\u2028ต่อ\t\0ท้าย  ").ShouldBe("ภารกิจ Bcc: x@evil.example ต่อ ท้าย");
        HeaderText.Clean(null).ShouldBe("");
    }
}
