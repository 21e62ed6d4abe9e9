namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>
/// The list behind a dashboard or report figure: its total is a count of the same query the figure counts, under
/// the same filters and the caller's scope.
/// </summary>
[Authorize]
public class ListModel(ReportQueries reports, DashboardService dashboard, AppDbContext db) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ReportListKind ListKind { get; private set; }
    public ReportFilter Filter { get; private set; } = new();
    public int Total { get; private set; }
    public string FilterText { get; private set; } = "";
    public List<Row> Rows { get; private set; } = [];
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>One line of any kind of list: what it is, where it belongs, a date and a state.</summary>
    public sealed record Row(string Name, string? Href, string Context, string? ContextHref, string Place, DateOnly? Date, string State);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Enum.TryParse<ReportListKind>(Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind)) return NotFound();
        ListKind = kind;
        var (filter, errors) = ReportsFeature.ParseFilter(Request.Query, null);
        if (filter is null) return BadRequest(string.Join("; ", errors.Select(e => e.Key)));
        Filter = filter;
        if (kind is ReportListKind.Overdue or ReportListKind.DueThisMonth && User.IsInRole(Roles.Participant)) return NotFound();
        PageNumber = QueryLimits.Page(PageNumber);
        var skip = QueryLimits.Offset(PageNumber, PageSize);
        var staff = User.IsStaff();
        var today = dashboard.Today;
        FilterText = await ReportsFeature.DescribeAsync(db, filter);
        switch (kind)
        {
            case ReportListKind.Registered or ReportListKind.Completed:
                var enrolments = kind == ReportListKind.Registered ? reports.Registered(filter) : reports.Completed(filter);
                Total = await enrolments.CountAsync();
                Rows = (await enrolments.OrderByDescending(e => e.Cohort.StartDate).ThenBy(e => e.CohortId).ThenBy(e => e.Id).Skip(skip).Take(PageSize)
                    .Select(e => new
                    {
                        e.TraineeId,
                        e.Trainee.Title,
                        e.Trainee.FirstName,
                        e.Trainee.LastName,
                        e.CohortId,
                        Cohort = e.Cohort.Name,
                        Course = e.Cohort.Course.TitleTh,
                        e.Cohort.Province,
                        e.Cohort.StartDate,
                        e.Completed,
                    }).ToListAsync())
                    .Select(x => new Row(
                        Domain.Training.TraineeNames.Full(x.Title, x.FirstName, x.LastName),
                        staff ? $"/Trainees/Details?id={x.TraineeId}" : null,
                        $"{x.Course} · {x.Cohort}", User.IsInRole(Roles.Participant) ? "/Training/My" : $"/Training/Cohorts/Details?id={x.CohortId}",
                        x.Province ?? "", x.StartDate, x.Completed == true ? "Completed" : x.Completed == false ? "Not completed" : "In training")).ToList();
                break;
            case ReportListKind.Certified:
                var certificates = reports.Certified(filter);
                Total = await certificates.CountAsync();
                Rows = (await certificates.OrderByDescending(c => c.IssuedOn).ThenBy(c => c.Id).Skip(skip).Take(PageSize)
                    .Select(c => new { c.Code, c.HolderName, c.CourseTitle, c.CohortName, c.IssuedOn, c.CohortId }).ToListAsync())
                    .Select(c => new Row(
                        c.HolderName,
                        staff ? $"/Certificates/Details?code={c.Code}" : "/Certificates/My",
                        $"{c.CourseTitle} · {c.CohortName}",
                        staff ? $"/Training/Cohorts/Details?id={c.CohortId}" : null, c.Code, c.IssuedOn, "Valid")).ToList();
                break;
            default:
                var actions = kind == ReportListKind.Overdue ? reports.Overdue(today, filter.PartnerId) : reports.DueThisMonth(today, filter.PartnerId);
                Total = await actions.CountAsync();
                Rows = (await actions.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Skip(skip).Take(PageSize)
                    .Select(a => new
                    {
                        a.Id,
                        a.Title,
                        a.MouId,
                        Mou = db.Mous.Where(m => m.Id == a.MouId).Select(m => m.Code + " " + m.Title).First(),
                        Responsible = db.Organizations.Where(o => o.Id == a.ResponsibleOrganizationId).Select(o => o.ShortName ?? o.NameTh).First(),
                        a.DueDate,
                        a.Status,
                    }).ToListAsync())
                    .Select(a => new Row(a.Title, $"/Mous/Action?id={a.Id}", a.Mou, $"/Mous/Details?id={a.MouId}", a.Responsible, a.DueDate,
                        "ActionStatus:" + a.Status)).ToList();
                break;
        }
        return Page();
    }

    public string PageUrl(int page) =>
        "/Reports/List" + Filter.Query(ListKind.ToString())
        + "&p=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Title(ReportListKind kind) => kind switch
    {
        ReportListKind.Registered => "Trainees registered",
        ReportListKind.Completed => "Trainees who completed",
        ReportListKind.Certified => "Certificates issued",
        ReportListKind.Overdue => "Actions overdue",
        _ => "Actions due this month",
    };

    public static string PlaceHeader(ReportListKind kind) => kind switch
    {
        ReportListKind.Certified => "Code",
        ReportListKind.Overdue or ReportListKind.DueThisMonth => "Responsible",
        _ => "Province",
    };
}
