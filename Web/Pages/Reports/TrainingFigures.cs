namespace PartnerPrograms.Web.Pages.Reports;

public sealed record TrainingFigures(string Key, string Name, int Registered, int Completed, int Certified, int AttendedSessions, int HeldSessions)
{
    public decimal? CompletionRate => Registered > 0 ? Math.Round(100m * Completed / Registered, 1, MidpointRounding.AwayFromZero) : null;
    public decimal? AttendanceRate => HeldSessions > 0 ? Math.Round(100m * AttendedSessions / HeldSessions, 1, MidpointRounding.AwayFromZero) : null;
}
