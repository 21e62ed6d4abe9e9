using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record ActionEdit(string? Title, long ResponsibleOrganizationId, string? ContactName, DateOnly? DueDate,
    ActionStatus Status, uint Version);
