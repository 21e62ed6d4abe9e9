using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>An action with its updates (newest first), as the MOU's detail and the Action page show it.</summary>
public sealed record ActionView(long Id, long ItemId, string Title, long ResponsibleOrganizationId,
    string ResponsibleName, string? ContactName, DateOnly? DueDate, ActionStatus Status, int Percent, uint Version,
    List<UpdateView> Updates)
{
    public bool IsOverdue(DateOnly today) => MouRules.IsOverdue(DueDate, Status, today);
}
