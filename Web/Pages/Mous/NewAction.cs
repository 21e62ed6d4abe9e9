namespace PartnerPrograms.Web.Pages.Mous;

public sealed record NewAction(long ItemId, string? Title, long ResponsibleOrganizationId, string? ContactName,
    DateOnly? DueDate);
