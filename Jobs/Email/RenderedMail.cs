namespace PartnerPrograms.Jobs.Email;

/// <summary>An e-mail as sent: subject, HTML and the plain-text alternative.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
