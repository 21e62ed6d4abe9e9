using PartnerPrograms.Web.Pages.Account;

namespace PartnerPrograms.Web.Pages.Profile;

public class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer l) : PageModel
{
    /// <summary>The name typed for a new token, shown again when it was refused.</summary>
    public string? TokenName { get; private set; }

    public AppUser Me { get; private set; } = null!;
    public string? OrganizationName { get; private set; }
    public List<ApiToken> Tokens { get; private set; } = [];
    [TempData] public string? NewToken { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    private async Task<bool> LoadAsync()
    {
        var id = User.UserId();
        var me = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (me is null) return false;
        Me = me;
        OrganizationName = await db.Organizations.Where(o => o.Id == me.OrganizationId).Select(o => o.NameTh).FirstOrDefaultAsync();
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderByDescending(t => t.CreatedAt).ToListAsync();
        return true;
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name)
    {
        // A list of tokens all called "API" cannot tell the user which one to revoke: the name is asked for.
        TokenName = name;
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("name", l["Give the token a name."]);
            return await LoadAsync() ? Page() : NotFound();
        }
        var (token, plain) = ApiToken.Create(User.UserId()!.Value, name[..Math.Min(100, name.Length)],
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
