using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace PartnerPrograms.Jobs.Email;

/// <summary>The one check of an e-mail address typed or imported by a person: MimeKit's parser, and a bare address.</summary>
public static class EmailAddresses
{
    /// <summary>
    /// True for a single plain address such as <c>somchai@example.org</c>. A display name, a group, a list or a
    /// line break is refused: what is stored here is used as a recipient as it is.
    /// </summary>
    public static bool IsValid([NotNullWhen(true)] string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name)) return false;
        var at = mailbox.Address.LastIndexOf('@');
        return at > 0 && at < mailbox.Address.Length - 1 && mailbox.Route.Count == 0;
    }

    /// <summary>Splits an outbox To or Cc field ("a@x, b@y; c@z").</summary>
    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
