using System.Text.Json;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>The programme report with its filters; the exports at /api/v1/reports/programme.* take the same query.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class ProgrammeModel(DashboardService dashboard) : PageModel
{
    public ProgrammeReport Report { get; private set; } = null!;
    public ReportFilter Filter { get; private set; } = new();
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public List<(long Id, string Title)> Courses { get; private set; } = [];
    public List<(long Id, string Name)> Partners { get; private set; } = [];
    public string RegionChartJson { get; private set; } = "{}";
    public string ProvinceChartJson { get; private set; } = "{}";
    public DateOnly Today => dashboard.Today;

    public async Task OnGetAsync()
    {
        var (filter, errors) = ReportsFeature.ParseFilter(Request.Query, Today.Year);
        Errors = errors;
        Filter = filter ?? new ReportFilter(Today.Year);
        Report = await dashboard.ProgrammeAsync(Filter);
        var choices = await dashboard.FilterChoicesAsync();
        Courses = choices.Courses;
        Partners = choices.Partners;
        RegionChartJson = Chart(Report.ByRegion.Select(r => r.Key.Length == 0 ? "Region:Unknown" : "Region:" + r.Key), Report.ByRegion);
        var top = Report.ByProvince.Take(20).ToList();
        ProvinceChartJson = Chart(top.Select(p => p.Key.Length == 0 ? "Region:Unknown" : p.Key), top, horizontal: true);
    }

    private static string Chart(IEnumerable<string> labels, IEnumerable<TrainingFigures> rows, bool horizontal = false) => JsonSerializer.Serialize(new
    {
        labels,
        datasets = new object[]
        {
            new { key = "registered", data = rows.Select(r => r.Registered) },
            new { key = "completed", data = rows.Select(r => r.Completed) },
        },
        horizontal,
    });

    /// <summary>The query string of the current filter with the year as the user reads it ("all" when none).</summary>
    public string Query(string? kind = null) => Filter.Query(kind);

    public string ListUrl(ReportListKind kind, ReportFilter? f = null) => "/Reports/List" + (f ?? Filter).Query(kind.ToString());

    public static IEnumerable<Region> Regions => Enum.GetValues<Region>();
}
