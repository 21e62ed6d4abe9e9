namespace PartnerPrograms.Domain.Mous;

public sealed record PartyDraft(long OrganizationId, PartyRole Role, string? SignatoryName, string? SignatoryPosition, string? Duties = null);
