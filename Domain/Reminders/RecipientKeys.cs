using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Domain.Reminders;

/// <summary>
/// The recipient part of a reminder_log key as stored. Reminders to people without an account are keyed by their
/// e-mail address ("email:someone@example.org"); the log keeps them for as long as de-duplication needs, so it stores
/// a keyed hash of the address instead ("email-hmac:…", HMAC-SHA256 under the PDPA lookup key): a reminder is still
/// recognised as sent, but the log no longer holds the address. Other keys ("user:{id}", "trainee:{id}") are ids.
/// </summary>
public static class RecipientKeys
{
    public const string EmailPrefix = "email:";
    public const string HashedEmailPrefix = "email-hmac:";
    private const string Purpose = "reminder-recipient-email";

    /// <summary>The key for an address, as stored.</summary>
    public static string ForEmail(string email, NationalIdProtector keys) =>
        HashedEmailPrefix + keys.KeyedHash(Purpose, email.Trim().ToLowerInvariant());

    /// <summary>A key as stored: an e-mail key hashed, any other unchanged.</summary>
    public static string Stored(string key, NationalIdProtector keys) =>
        key.StartsWith(EmailPrefix, StringComparison.Ordinal) ? ForEmail(key[EmailPrefix.Length..], keys) : key;
}
