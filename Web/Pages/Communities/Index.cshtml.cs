using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

[Authorize(Roles = Roles.Staff + "," + Roles.Admin + "," + Roles.Partner)]
public class IndexModel(AppDbContext db, CommunityService service) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public List<ProvinceOption> Provinces { get; private set; } = [];

    public sealed record Row(long Id, string Name, int? VillageNo, string SubDistrict, string District, string Province, Region Region,
        CommunityCategory Category, CommunityCategory Computed, bool Overridden, DateOnly? LastAssessedOn);
    public sealed record ProvinceOption(string Code, string NameTh, string NameEn);

    public async Task OnGetAsync()
    {
        PageNumber = PartnerPrograms.Web.Infrastructure.QueryLimits.Page(PageNumber);
        var query = service.Filter(db.Communities.AsNoTracking(), CommunityService.ParseCategory(Category), Province, Regions.Parse(Region), Q);
        // The page and the number of all matches in one round trip: the total is an uncorrelated subquery (an InitPlan,
        // evaluated once); only a page past the end needs its own count.
        var page = await query
            .OrderBy(c => c.ProvinceId)
            .ThenBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Skip(PartnerPrograms.Web.Infrastructure.QueryLimits.Offset(PageNumber, PageSize))
            .Take(PageSize)
            .Select(c => new
            {
                Row = new Row(c.Id, c.Name, c.VillageNo,
                    db.SubDistricts.Where(s => s.Id == c.SubDistrictId).Select(s => s.NameTh).First(),
                    db.Districts.Where(d => d.Id == c.DistrictId).Select(d => d.NameTh).First(),
                    db.Provinces.Where(p => p.Id == c.ProvinceId).Select(p => p.NameTh).First(),
                    c.Region, c.Category, c.ComputedCategory, c.OverrideCategory != null, c.LastAssessedOn),
                Total = query.Count(),
            })
            .ToListAsync();
        Rows = page.Select(x => x.Row).ToList();
        Total = page.Count > 0 ? page[0].Total : PageNumber == 1 ? 0 : await query.CountAsync();
        // The official list never changes once loaded (GeographyLoader fills the table from these same rows): no query.
        Provinces = ProvinceOptions;
    }

    private static readonly List<ProvinceOption> ProvinceOptions = Domain.Geography.GeographyLoader.Provinces
        .OrderBy(p => p.NameTh, ThaiCollation.Comparer).Select(p => new ProvinceOption(p.Code, p.NameTh, p.NameEn)).ToList();

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string PageUrl(int page) => QueryHelpers(page);

    private string QueryHelpers(int page)
    {
        var q = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["category"] = Category,
            ["province"] = Province,
            ["region"] = Region,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Communities", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
