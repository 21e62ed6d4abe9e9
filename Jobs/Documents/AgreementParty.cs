namespace PartnerPrograms.Jobs.Documents;

public sealed record AgreementParty(
    string OrganizationName,
    string? ShortName,
    bool IsWitness,
    string SignatoryName,
    string? SignatoryPosition,
    string? Duties);
