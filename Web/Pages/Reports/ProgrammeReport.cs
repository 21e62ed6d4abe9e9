namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>The programme report: one filter, the totals and the breakdowns the page, the exports and the PDF share.</summary>
public sealed record ProgrammeReport(ReportFilter Filter, DateOnly AsOf, TrainingFigures Totals, List<TrainingFigures> ByCourse,
    List<TrainingFigures> ByProvince, List<TrainingFigures> ByRegion, List<PartnerFigures> ByPartner)
{
    public static async Task<ProgrammeReport> BuildAsync(ReportQueries reports, ReportFilter filter, DateOnly today)
    {
        var cells = await reports.TrainingCellsAsync(filter);
        var byCourse = ReportQueries.Fold(cells, TrainingGrouping.Course);
        var totals = new TrainingFigures("", "", byCourse.Sum(c => c.Registered), byCourse.Sum(c => c.Completed), byCourse.Sum(c => c.Certified),
            byCourse.Sum(c => c.AttendedSessions), byCourse.Sum(c => c.HeldSessions));
        return new ProgrammeReport(filter, today, totals, byCourse,
            ReportQueries.Fold(cells, TrainingGrouping.Province),
            ReportQueries.Fold(cells, TrainingGrouping.Region),
            await reports.ByPartnerAsync(filter, today));
    }
}
