namespace PartnerPrograms.Jobs.Documents;

/// <summary>Everything the printed agreement shows, already formatted for Thai (Buddhist-era dates).</summary>
public sealed record AgreementData(string Code, string Title, string? Purpose, string? SigningDateText, string StartDateText,
    string EndDateText, IReadOnlyList<AgreementParty> Parties, IReadOnlyList<AgreementItem> Items);
