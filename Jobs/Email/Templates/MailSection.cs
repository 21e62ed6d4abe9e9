namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>A list in an e-mail under an optional heading (an MOU's actions, a certificate's facts).</summary>
public sealed record MailSection(string? Heading, IReadOnlyList<string> Lines);
