namespace PartnerPrograms.Web.Pages.Admin.Users;

public class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    public List<Row> Users { get; private set; } = [];
    public int Total { get; private set; }

    public sealed record Row(Guid Id, string DisplayName, string? Email, string Role, string? OrganizationName, bool IsDisabled, bool Locked, bool HasPassword);

    public async Task OnGetAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = SearchPattern.Contains(Q);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(u.Email!, pattern, SearchPattern.Escape));
        }
        if (!string.IsNullOrEmpty(Role)) query = query.Where(u => u.Role == Role);
        Total = await query.CountAsync();
        Users = await query.OrderBy(u => u.Role).ThenBy(u => u.DisplayName).Take(500)
            .Select(u => new Row(u.Id, u.DisplayName, u.Email, u.Role,
                db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.NameTh).FirstOrDefault(),
                u.IsDisabled, u.LockoutEnd != null && u.LockoutEnd > now, u.PasswordHash != null))
            .ToListAsync();
    }
}
