namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>
/// What one e-mail says, in the recipient's language: written by its template, laid out by <see cref="MailLayout"/>
/// (HTML) and <see cref="MailText"/> (the plain-text alternative), so both parts always carry the same words.
/// </summary>
public sealed record MailContent(string Subject, string Greeting, IReadOnlyList<string> Intro,
    IReadOnlyList<MailSection> Sections, MailButton? Button, string Footer, string? UnsubscribeText,
    string? UnsubscribeUrl);
