using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Trainees;

[Authorize(Policy = PortalAuth.StaffPolicy)]
public class IndexModel(AppDbContext db, PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds, Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public List<Row> Trainees { get; private set; } = [];

    public sealed record Row(long Id, string? Title, string FirstName, string LastName, string? NationalIdMasked, string? Province, string? Community, int Cohorts);

    public async Task OnGetAsync()
    {
        var query = db.Trainees.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            {
                var pattern = "%" + Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = query.Where(t => EF.Functions.ILike(t.FirstName + " " + t.LastName, pattern) || EF.Functions.ILike(t.Community!, pattern) || EF.Functions.ILike(t.Phone!, pattern)
                    || EF.Functions.ILike((t.FirstNameEn ?? "") + " " + (t.LastNameEn ?? ""), pattern));
            }
        }
        PageNumber = Math.Max(1, PageNumber);
        // One round trip: the total rides along as an uncorrelated scalar subquery, which PostgreSQL evaluates once
        // (an InitPlan), not once per row. A page past the end has no row to carry it: only then is it counted apart.
        var page = await query.OrderBy(t => t.FirstName).ThenBy(t => t.LastName).ThenBy(t => t.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(t => new { Row = new Row(t.Id, t.Title, t.FirstName, t.LastName, t.NationalIdMasked, t.Province, t.Community, t.Enrollments.Count()), Total = query.Count() })
            .ToListAsync();
        Trainees = page.ConvertAll(x => x.Row);
        Total = page.Count > 0 ? page[0].Total : PageNumber == 1 ? 0 : await query.CountAsync();
    }

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
