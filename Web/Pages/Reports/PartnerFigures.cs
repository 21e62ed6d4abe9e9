namespace PartnerPrograms.Web.Pages.Reports;

public sealed record PartnerFigures(long OrganizationId, string Name, int ActiveMous, int Actions, int ActionsDone, int ActionsCancelled,
    int OpenActions, int OverdueActions, int DueThisMonth, int TraineesRegistered, int TraineesCompleted)
{
    public decimal? ActionCompletionRate => Actions - ActionsCancelled > 0
        ? Math.Round(100m * ActionsDone / (Actions - ActionsCancelled), 1, MidpointRounding.AwayFromZero)
        : null;
}
