namespace PartnerPrograms.Web.Pages.Reports;

public sealed class DashboardService(ReportQueries reports, TimeProvider clock, AppDbContext db, FigureCache figures)
{
    public DateOnly Today => Infrastructure.Dates.TodayInBangkok(clock);

    /// <summary>The courses and organisations the report filters offer (from the figure cache).</summary>
    public Task<FilterChoices> FilterChoicesAsync() => figures.GetAsync(db, "filter-choices", async () => new FilterChoices(
        (await db.Courses.AsNoTracking().OrderBy(c => c.TitleTh).Select(c => new { c.Id, c.TitleTh }).ToListAsync()).Select(c => (c.Id, c.TitleTh)).ToList(),
        await OrganisationNamesAsync(db, figures)));

    /// <summary>Every organisation by Thai name (the partner filter of the reports and the MOU list), from the figure cache.</summary>
    public static Task<List<(long Id, string Name)>> OrganisationNamesAsync(AppDbContext db, FigureCache figures) =>
        figures.GetAsync(db, "organisation-names", async () =>
            (await db.Organizations.AsNoTracking()
                .OrderBy(o => o.NameTh)
                .Select(o => new { o.Id, o.NameTh })
                .ToListAsync())
            .Select(o => (o.Id, o.NameTh))
            .ToList());

    /// <summary>The programme report for a filter, from the figure cache (recomputed when the data changed).</summary>
    public Task<ProgrammeReport> ProgrammeAsync(ReportFilter filter)
    {
        var today = Today;
        return figures.GetAsync(db, $"programme|{filter}|{today:O}", () => ProgrammeReport.BuildAsync(reports, filter, today));
    }

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
        return await figures.GetAsync(db, $"summary|{role}|{y}|{today:O}", () => ComputeAsync(role, y, today));
    }

    private async Task<DashboardSummary> ComputeAsync(string role, int y, DateOnly today)
    {
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
