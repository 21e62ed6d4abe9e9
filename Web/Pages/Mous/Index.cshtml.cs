using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

[Authorize(Roles = MouFeature.MouReaders)]
public class IndexModel(AppDbContext db, TimeProvider clock, FigureCache figures, Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    public const int PageSize = 25;
    [BindProperty(SupportsGet = true)] public MouStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? PartnerId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<MouRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public List<MyActionRow> MyActions { get; private set; } = [];
    public List<PartnerLoad> Load { get; private set; } = [];
    public List<(long Id, string Name)> Partners { get; private set; } = [];
    public DateOnly Today => Dates.TodayInBangkok(clock);
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>Why the year typed was not used as a filter (out of range, or not a number).</summary>
    public string? YearError { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = QueryLimits.Page(PageNumber);
        if (ModelState.GetFieldValidationState(nameof(Year)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            || (Year is { } y && QueryLimits.GregorianYear(y) is null))
        {
            YearError = l["Give a year from {0} to {1} (Buddhist era) or {2} to {3}.",
                QueryLimits.MinYear + 543, QueryLimits.MaxYear + 543, QueryLimits.MinYear, QueryLimits.MaxYear];
            Year = null; // the list shows every year rather than nothing
        }
        var query = MouQueries.Filter(db, new MouFilter(Status, PartnerId, Year, Q));
        (Rows, Total, var version) = await MouQueries.PageAsync(db, query, Today, PageNumber, PageSize);
        if (version is { } v) figures.UseVersion(db, v);
        if (!User.IsStaff() && User.OrganizationId() is { } org) MyActions = await MouQueries.ActionsOfAsync(db, org, Today);
        // Aggregates over every open action and the 500-organisation filter list: from the figure cache, which the
        // database invalidates on any change to actions or organisations.
        if (User.IsStaff()) Load = await figures.GetAsync(db, $"mou-load|{Today:O}", () => MouQueries.LoadPerPartnerAsync(db, Today));
        Partners = await Reports.DashboardService.OrganisationNamesAsync(db, figures);
    }

    public string PageUrl(int p) => $"/Mous?status={Status}&partnerId={PartnerId}&year={Year}&q={Uri.EscapeDataString(Q ?? "")}&p={p}";
}
