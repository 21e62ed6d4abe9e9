namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>
/// The e-mail's one call to action. ShowUrl: the address is also written out under the button, and alone in the
/// plain text, for a one-time link a reader may have to paste (invitations, password resets).
/// </summary>
public sealed record MailButton(string Text, string Url, bool ShowUrl = false);
