namespace PartnerPrograms.Jobs.Documents;

public sealed record AgreementItem(int Number, string Title, string? Description, IReadOnlyList<AgreementAction> Actions);
