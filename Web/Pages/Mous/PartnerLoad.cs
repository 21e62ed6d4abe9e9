namespace PartnerPrograms.Web.Pages.Mous;

public sealed record PartnerLoad(long OrganizationId, string Name, int Open, int Overdue, int DueSoon);
