namespace PartnerPrograms.Web.Pages.Reports;

public sealed record FilterChoices(List<(long Id, string Title)> Courses, List<(long Id, string Name)> Partners);
