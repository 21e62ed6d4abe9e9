using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record MyActionRow(long Id, long MouId, string MouCode, string MouTitle, string Title,
    DateOnly? DueDate, ActionStatus Status, int Percent);
