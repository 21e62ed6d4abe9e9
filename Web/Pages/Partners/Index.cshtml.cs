using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Web.Pages.Partners;

/// <summary>The register of partner organisations (staff).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OrganizationKind? Kind { get; set; }
    public List<Row> Rows { get; private set; } = [];

    public sealed record Row(long Id, OrganizationKind Kind, string NameTh, string? NameEn, string? ShortName, string? Province, int Contacts, int Mous);

    public async Task OnGetAsync()
    {
        var q = db.Organizations.AsNoTracking();
        if (Kind is { } k) q = q.Where(o => o.Kind == k);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = SearchPattern.Contains(Q);
            q = q.Where(o => EF.Functions.ILike(o.NameTh, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(o.NameEn!, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(o.ShortName!, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(o.Province!, pattern, SearchPattern.Escape));
        }
        Rows = await q.OrderBy(o => o.NameTh).Take(500)
            .Select(o => new Row(
                o.Id, o.Kind, o.NameTh, o.NameEn, o.ShortName, o.Province, o.Contacts.Count,
                db.MouParties.Count(p => p.OrganizationId == o.Id)))
            .ToListAsync();
    }
}
