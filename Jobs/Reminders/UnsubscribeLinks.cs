using Microsoft.AspNetCore.DataProtection;
using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Signed, unguessable links that turn one kind of reminder off without signing in (RFC 8058 style). The token is a
/// data-protection payload (user id and kind), so it cannot be forged or altered; it does not expire.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("PartnerPrograms.Unsubscribe.v1");

    public string Token(Guid userId, ReminderKind kind) => _protector.Protect($"{userId:N}|{kind}");

    /// <summary>The page in the e-mail's footer: a GET shows what stops, its form (with antiforgery) stops it.</summary>
    public string PageUrl(string baseUrl, Guid userId, ReminderKind kind) =>
        $"{baseUrl.TrimEnd('/')}/Unsubscribe?token={Uri.EscapeDataString(Token(userId, kind))}";

    /// <summary>
    /// The List-Unsubscribe header's address (RFC 8058): a mail client POSTs "List-Unsubscribe=One-Click" to it, with no
    /// cookie and no page in between; the signed token is the proof.
    /// </summary>
    public string OneClickUrl(string baseUrl, Guid userId, ReminderKind kind) =>
        $"{baseUrl.TrimEnd('/')}/unsubscribe/one-click?t={Uri.EscapeDataString(Token(userId, kind))}";

    public bool TryRead(string? token, out Guid userId, out ReminderKind kind)
    {
        userId = Guid.Empty;
        kind = default;
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out userId) && Enum.TryParse(parts[1], out kind);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
