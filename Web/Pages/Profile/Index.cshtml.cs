using PartnerPrograms.Web.Pages.Account;

namespace PartnerPrograms.Web.Pages.Profile;

public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public string? OrganizationName { get; private set; }
    public List<ApiToken> Tokens { get; private set; } = [];
    [TempData] public string? NewToken { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var id = User.UserId();
        var me = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (me is null) return NotFound();
        Me = me;
        OrganizationName = await db.Organizations.Where(o => o.Id == me.OrganizationId).Select(o => o.NameTh).FirstOrDefaultAsync();
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderByDescending(t => t.CreatedAt).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string name)
    {
        var (token, plain) = ApiToken.Create(User.UserId()!.Value, string.IsNullOrWhiteSpace(name) ? "API" : name.Trim()[..Math.Min(100, name.Trim().Length)],
            clock.GetUtcNow().UtcDateTime, AccountFeature.TokenLifetime);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        NewToken = plain;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id)
    {
        var userId = User.UserId();
        // Someone else's token (or none) is 404, as for every record outside the caller's scope.
        if (!await db.ApiTokens.AnyAsync(t => t.Id == id && t.UserId == userId)) return NotFound();
        await db.ApiTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, clock.GetUtcNow().UtcDateTime));
        return RedirectToPage();
    }
}
