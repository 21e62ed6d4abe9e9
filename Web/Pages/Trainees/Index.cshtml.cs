using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

[Authorize(Policy = PortalAuth.StaffPolicy)]
public class IndexModel(
    AppDbContext db,
    PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds,
    Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public List<Row> Trainees { get; private set; } = [];

    public sealed record Row(
        long Id,
        string? Title,
        string FirstName,
        string LastName,
        string? NationalIdMasked,
        string? Province,
        string? Community,
        int Cohorts);

    public async Task OnGetAsync()
    {
        var query = db.Trainees.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // "นางสาวสุดารัตน์" finds สุดารัตน์ (titles are stored apart); "081-234-5678" finds 0812345678.
            var pattern = SearchPattern.Contains(Q);
            var name = SearchPattern.Contains(SearchText.WithoutTitle(Q));
            var phone = SearchPattern.Contains(SearchText.PhoneDigits(Q) ?? Q);
            query = query.Where(t => EF.Functions.ILike(t.FirstName + " " + t.LastName, name, SearchPattern.Escape)
                || EF.Functions.ILike(t.Community!, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(t.PhoneDigits!, phone, SearchPattern.Escape)
                || EF.Functions.ILike((t.FirstNameEn ?? "") + " " + (t.LastNameEn ?? ""), name, SearchPattern.Escape));
        }
        PageNumber = QueryLimits.Page(PageNumber);
        var page = string.IsNullOrWhiteSpace(Q) ? await WholeListAsync(query) : await SearchAsync(query);
        Trainees = page.ConvertAll(x => x.Row);
        // A page past the end has no row to carry the total: only then is it counted apart.
        Total = page.Count > 0 ? (int)page[0].Total : PageNumber == 1 ? 0 : await query.CountAsync();
    }

    private sealed record Counted(Row Row, long Total);

    /// <summary>
    /// A search scans its trigram indexes once: the matches come from an inner query that Take(int.MaxValue) fences off
    /// (so PostgreSQL cannot feed it from the name index), a window counts them, then they are ordered and paged. One
    /// round trip.
    /// </summary>
    private Task<List<Counted>> SearchAsync(IQueryable<Trainee> query) =>
        query.Select(t => new { Trainee = t, Total = AppDbContext.MatchCount() }).Take(int.MaxValue)
            .OrderBy(x => x.Trainee.FirstName)
            .ThenBy(x => x.Trainee.LastName)
            .ThenBy(x => x.Trainee.Id)
            .Skip(QueryLimits.Offset(PageNumber, PageSize))
            .Take(PageSize)
            .Select(x => new Counted(new Row(x.Trainee.Id, x.Trainee.Title, x.Trainee.FirstName, x.Trainee.LastName, x.Trainee.NationalIdMasked,
                x.Trainee.Province, x.Trainee.Community, x.Trainee.Enrollments.Count()), x.Total))
            .ToListAsync();

    /// <summary>
    /// The whole list: the first page comes straight from the name index, and the total is an uncorrelated scalar
    /// subquery that PostgreSQL evaluates once (an InitPlan). One round trip. (A window here would make PostgreSQL read
    /// all 1,000,000 rows in name order to feed it: 10 s.)
    /// </summary>
    private Task<List<Counted>> WholeListAsync(IQueryable<Trainee> query) =>
        query.OrderBy(t => t.FirstName).ThenBy(t => t.LastName).ThenBy(t => t.Id).Skip(QueryLimits.Offset(PageNumber, PageSize)).Take(PageSize)
            .Select(t => new Counted(new Row(t.Id, t.Title, t.FirstName, t.LastName, t.NationalIdMasked, t.Province, t.Community, t.Enrollments.Count()),
            query.LongCount()))
            .ToListAsync();

    /// <summary>
    /// The search form posts, so a national ID typed into it never lands in a URL (and so in no access log or
    /// browser history): a whole ID opens its person, anything else becomes a name search.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (NationalId.Normalize(Q) is { } digits)
        {
            // By the keyed hash: the IDs are encrypted, the hash is the only thing that can be searched.
            var hash = nationalIds.Hash(digits);
            var id = await db.Trainees.Where(t => t.NationalIdHash == hash).Select(t => (long?)t.Id).FirstOrDefaultAsync();
            if (id is not null) return RedirectToPage("/Trainees/Details", new { id });
            TempData["FlashError"] = l["No trainee has this national ID. Register the person first."].Value;
            return RedirectToPage();
        }
        return RedirectToPage(new { q = Q });
    }
}
