using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Web.Pages.Training;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>Dashboards, the programme report with its exports, and partners' annual summaries.</summary>
public sealed class ReportsFeature : IPortalFeature
{
    public IEnumerable<NavItem> Navigation => [new("Reports", "/Reports/Programme", 400, Roles.Staff, Roles.Admin)];

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ReportQueries>();
        services.AddScoped<DashboardService>();
        services.AddSingleton<ReportDocuments>();
    }

    public void MapApi(RouteGroupBuilder api)
    {
        var signedIn = api.MapGroup("/reports").RequireAuthorization();
        signedIn.MapGet("/summary", Summary).WithSummary("The home dashboard's figures for the caller's role; year in either era (2567 or 2024).");
        signedIn.MapGet("/partners/{id:long}/annual.pdf", PartnerAnnual)
            .WithSummary("A partner organisation's annual summary PDF (staff, or a partner for its own organisation).").RequirePdfLimits();

        var staff = api.MapGroup("/reports").RequireAuthorization(PortalAuth.StaffPolicy);
        staff.MapGet("/programme.xlsx",
                (HttpContext h, ReportQueries q, DashboardService d, AppDbContext db, ReportDocuments docs,
                    CancellationToken ct) => Programme(h, q, d, db, docs, "xlsx", ct))
            .WithSummary("The programme report as XLSX; filters year, courseId, partnerId, province, region.");
        staff.MapGet("/programme.csv",
                (HttpContext h, ReportQueries q, DashboardService d, AppDbContext db, ReportDocuments docs,
                    CancellationToken ct) => Programme(h, q, d, db, docs, "csv", ct))
            .WithSummary("The programme report as CSV (UTF-8 with BOM).");
        staff.MapGet("/programme.pdf",
                (HttpContext h, ReportQueries q, DashboardService d, AppDbContext db, ReportDocuments docs,
                    CancellationToken ct) => Programme(h, q, d, db, docs, "pdf", ct))
            .WithSummary("The programme report as a Thai PDF for board meetings.").RequirePdfLimits();
    }

    private static string RoleOf(System.Security.Claims.ClaimsPrincipal user) => Roles.All.FirstOrDefault(user.IsInRole) ?? "";

    private static async Task<IResult> Summary(HttpContext http, DashboardService dashboard, int? year)
    {
        if (year is { } y && ReportFilter.ParseYear(y) is not (>= 1990 and <= 2200))
            return ApiErrors.Validation("year", "Give a year such as 2567 (Buddhist era) or 2024.");
        return TypedResults.Ok(await dashboard.SummaryAsync(RoleOf(http.User), ReportFilter.ParseYear(year)));
    }

    /// <summary>Reads the query string into a filter, or the validation errors (an unknown province, region or year).</summary>
    public static (ReportFilter? Filter, Dictionary<string, string[]> Errors) ParseFilter(IQueryCollection query, int? defaultYear)
    {
        var errors = new Dictionary<string, string[]>();
        int? year = defaultYear;
        if (query["year"].ToString() is { Length: > 0 } ys)
        {
            if (ys == "all") year = null;
            else if (int.TryParse(ys, System.Globalization.NumberStyles.None,
                         System.Globalization.CultureInfo.InvariantCulture, out var y)
                     && ReportFilter.ParseYear(y) is >= 1990 and <= 2200)
                year = ReportFilter.ParseYear(y);
            else errors["year"] = ["Give a year such as 2567 (Buddhist era) or 2024, or all."];
        }
        long? Long(string name)
        {
            var s = query[name].ToString();
            if (s.Length == 0) return null;
            if (long.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)) return v;
            errors[name] = ["Not a number."];
            return null;
        }
        var course = Long("courseId");
        var partner = Long("partnerId");
        var province = query["province"].ToString();
        if (province.Length > 0 && ThaiProvinces.Find(province) is null) errors["province"] = ["Unknown province: give its code (e.g. 44) or name."];
        Region? region = null;
        if (query["region"].ToString() is { Length: > 0 } rs && (region = Regions.Parse(rs)) is null)
            errors["region"] = ["Unknown region: North, Central, NorthEast, West, East or South."];
        return errors.Count > 0 ? (null, errors) : (new ReportFilter(year, course, partner, province.Length > 0 ? province : null, region), errors);
    }

    public static async Task<string> DescribeAsync(AppDbContext db, ReportFilter f)
    {
        var course = f.CourseId is { } c ? await db.Courses.AsNoTracking().Where(x => x.Id == c).Select(x => x.TitleTh).FirstOrDefaultAsync() : null;
        var partner = f.PartnerId is { } p ? await db.Organizations.AsNoTracking().Where(x => x.Id == p).Select(x => x.NameTh).FirstOrDefaultAsync() : null;
        return ReportDocuments.Describe(f, course, partner);
    }

    private static async Task<IResult> Programme(HttpContext http, ReportQueries queries, DashboardService dashboard, AppDbContext db, ReportDocuments docs,
        string format, CancellationToken ct)
    {
        var (filter, errors) = ParseFilter(http.Request.Query, dashboard.Today.Year);
        if (filter is null) return ApiErrors.Validation(errors);
        var report = await dashboard.ProgrammeAsync(filter);
        var name = "programme-report" + (filter.Year is { } y ? "-" + (y + 543).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        return format switch
        {
            "xlsx" => TypedResults.File(ReportDocuments.Xlsx(report), TableExport.XlsxType, name + ".xlsx"),
            "csv" => TypedResults.File(ReportDocuments.Csv(report), TableExport.CsvType, name + ".csv"),
            _ => TypedResults.File(await docs.ProgrammePdfAsync(report, await DescribeAsync(db, filter), ct), "application/pdf", name + ".pdf"),
        };
    }

    private static async Task<IResult> PartnerAnnual(
        long id,
        int? year,
        HttpContext http,
        AppDbContext db,
        DashboardService dashboard,
        ReportDocuments docs,
        CancellationToken ct)
    {
        // A partner may print its own organisation's summary only; a participant none.
        if (!http.User.IsStaff() && !(http.User.IsInRole(Roles.Partner) && http.User.OrganizationId() == id)) return ApiErrors.NotFound();
        var y = ReportFilter.ParseYear(year) ?? dashboard.Today.Year;
        if (y is < 1990 or > 2200) return ApiErrors.Validation("year", "Give a year such as 2567 (Buddhist era) or 2024.");
        if (await ReportDocuments.PartnerAnnualDataAsync(db, id, y, dashboard.Today) is not { } data) return ApiErrors.NotFound();
        return TypedResults.File(await docs.PdfAsync(data, ct), "application/pdf", $"annual-summary-{id}-{y + 543}.pdf");
    }
}
