namespace PartnerPrograms.Web.Pages.Mous;

public sealed record AuditView(DateTime At, string UserName, string Entity, long EntityId, string Change, string? Phrases);
