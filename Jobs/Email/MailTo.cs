namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Who gets an e-mail: the address, their language ("en", else Thai) and, for a portal user, their id (which gives
/// the mail its unsubscribe link; a bare address has no preferences to change). Cc: copies, comma-separated.
/// </summary>
public sealed record MailTo(string? Email, string? Language, Guid? UserId = null, string? Cc = null);
