namespace PartnerPrograms.Web.Pages.Reports;

public sealed record TrainingCell(long CourseId, string? Province, int Registered, int Completed, int Attended, int Held, int Certified);
