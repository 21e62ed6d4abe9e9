using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record UpdateView(long Id, string Text, int Percent, ActionStatus Status, DateTime PostedAt,
    string PostedByName, long? AttachmentId);
