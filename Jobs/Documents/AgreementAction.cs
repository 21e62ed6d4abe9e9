namespace PartnerPrograms.Jobs.Documents;

public sealed record AgreementAction(
    string Title,
    string Responsible,
    string? DueDateText,
    string? StatusText = null,
    int Percent = 0,
    string? LastUpdate = null);
