using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>The home dashboard's figures for one role (also GET /api/v1/reports/summary).</summary>
public sealed record DashboardSummary(
    string Role, int? Year, int ActiveMous, int OverdueActions, int DueThisMonth, int CohortsRunning,
    int TraineesRegistered, int TraineesCompleted, int CertificatesIssued, CategoryCounts CommunitiesByCategory,
    List<PartnerFigures> ByPartner, List<RegionFigures> ByRegion, List<TrainingFigures> ByCourse);

public sealed class DashboardService(ReportQueries reports, TimeProvider clock)
{
    public DateOnly Today => Infrastructure.Dates.TodayInBangkok(clock);

    /// <summary>
    /// Staff and admins: everything. Partners: the same figures, limited by the query filters to their organisation's
    /// MOUs, cohorts and communities. Participants: their own cohorts and certificates only (all years unless asked).
    /// </summary>
    public async Task<DashboardSummary> SummaryAsync(string role, int? year)
    {
        var today = Today;
        if (role == Roles.Participant)
        {
            var mine = new ReportFilter(Year: year);
            return new DashboardSummary(role, year, 0, 0, 0,
                await reports.Cohorts(mine).CountAsync(c => c.Status == Domain.Training.CohortStatus.Running),
                await reports.Registered(mine).CountAsync(), await reports.Completed(mine).CountAsync(), await reports.Certified(mine).CountAsync(),
                new CategoryCounts(0, 0, 0, 0, 0), [], [], []);
        }
        var y = year ?? today.Year;
        var f = new ReportFilter(Year: y);
        var cells = await reports.TrainingCellsAsync(f);
        var byCourse = ReportQueries.Fold(cells, TrainingGrouping.Course);
        return new DashboardSummary(role, y,
            await reports.ActiveMous().CountAsync(),
            await reports.Overdue(today).CountAsync(),
            await reports.DueThisMonth(today).CountAsync(),
            await reports.Running().CountAsync(),
            byCourse.Sum(c => c.Registered), byCourse.Sum(c => c.Completed), byCourse.Sum(c => c.Certified),
            await reports.CommunitiesAsync(),
            await reports.ByPartnerAsync(f, today),
            await reports.ByRegionAsync(cells, withCommunities: true),
            byCourse);
    }
}
