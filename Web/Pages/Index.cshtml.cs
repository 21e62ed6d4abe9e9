using System.Text.Json;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Pages.Reports;

namespace PartnerPrograms.Web.Pages;

/// <summary>
/// The home page: a dashboard per role (the same figures as GET /api/v1/reports/summary), every figure a link to the
/// list it counts. Anonymous visitors see the public introduction.
/// </summary>
public class IndexModel(TimeProvider clock, IServiceProvider services) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public string DisplayName => User.DisplayName();
    public string Role => Roles.All.FirstOrDefault(User.IsInRole) ?? "";
    public DateOnly Today => Dates.TodayInBangkok(clock);
    public bool IsStaff => User.IsStaff();
    public bool IsPartner => User.IsInRole(Roles.Partner);
    public bool IsParticipant => User.IsInRole(Roles.Participant);

    public DashboardSummary? Summary { get; private set; }
    public List<MyCohort> MyCohorts { get; private set; } = [];
    public List<MyCertificate> MyCertificates { get; private set; } = [];
    public string PartnerChartJson { get; private set; } = "{}";
    public string CourseChartJson { get; private set; } = "{}";
    public string RegionChartJson { get; private set; } = "{}";

    public sealed record MyCohort(long Id, string Course, string Name, CohortStatus Status, DateOnly? StartDate, DateOnly? EndDate, bool? Completed);
    public sealed record MyCertificate(string Code, string Course, string Cohort, DateOnly IssuedOn);

    /// <summary>The Gregorian year the figures are for.</summary>
    public int ReportYear => Summary?.Year ?? Today.Year;

    public async Task OnGetAsync()
    {
        if (!SignedIn) return;
        var dashboard = services.GetRequiredService<DashboardService>();
        var year = ReportFilter.ParseYear(Year) is >= 1990 and <= 2200 ? ReportFilter.ParseYear(Year) : null;
        if (IsParticipant)
        {
            Summary = await dashboard.SummaryAsync(Roles.Participant, null);
            var db = services.GetRequiredService<AppDbContext>();
            // The query filters limit both lists to the signed-in participant's own records.
            MyCohorts = await db.Enrollments.AsNoTracking().Where(e => e.Status == EnrollmentStatus.Enrolled)
                .OrderByDescending(e => e.Cohort.StartDate).ThenByDescending(e => e.Id)
                .Select(e => new MyCohort(e.CohortId, e.Cohort.Course.TitleTh, e.Cohort.Name, e.Cohort.Status,
                    e.Cohort.StartDate, e.Cohort.EndDate, e.Completed))
                .ToListAsync();
            MyCertificates = await db.Certificates.AsNoTracking().Where(c => c.Status == CertificateStatus.Valid).OrderByDescending(c => c.IssuedOn)
                .Select(c => new MyCertificate(c.Code, c.CourseTitle, c.CohortName, c.IssuedOn)).ToListAsync();
            return;
        }
        if (!IsStaff && !IsPartner) return;
        Summary = await dashboard.SummaryAsync(Role, year);

        var partners = Summary.ByPartner.Where(p => p.OverdueActions + p.DueThisMonth > 0).Take(12).ToList();
        PartnerChartJson = JsonSerializer.Serialize(new
        {
            labels = partners.Select(p => p.Name),
            datasets = new object[]
            {
                new { key = "overdue", data = partners.Select(p => p.OverdueActions) },
                new { key = "dueThisMonth", data = partners.Select(p => p.DueThisMonth) },
            },
            stacked = true,
            horizontal = true,
        });
        var courses = Summary.ByCourse.Take(12).ToList();
        CourseChartJson = JsonSerializer.Serialize(new
        {
            labels = courses.Select(c => c.Name),
            datasets = new object[] { new { key = "completionRate", data = courses.Select(c => c.CompletionRate ?? 0) } },
            percent = true,
            horizontal = true,
        });
        var regions = Summary.ByRegion.Where(r => r.Region != "Unknown").ToList();
        RegionChartJson = JsonSerializer.Serialize(new
        {
            labels = regions.Select(r => "Region:" + r.Region),
            datasets = new[] { "A", "B", "C", "D", "Unclassified" }.Select(g => new
            {
                key = g,
                data = regions.Select(r => r.Communities.Of(Enum.Parse<Domain.Communities.CommunityCategory>(g))),
            }),
            stacked = true,
        });
    }

    public string ListUrl(ReportListKind kind, long? courseId = null, long? partnerId = null) =>
        "/Reports/List"
        + new ReportFilter(
                kind is ReportListKind.Overdue or ReportListKind.DueThisMonth ? null : Summary?.Year, courseId, partnerId)
            .Query(kind.ToString());
}
