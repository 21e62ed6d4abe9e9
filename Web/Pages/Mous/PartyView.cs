using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record PartyView(long OrganizationId, string OrganizationName, string? ShortName, PartyRole Role,
    string SignatoryName, string? SignatoryPosition, string? Duties);
