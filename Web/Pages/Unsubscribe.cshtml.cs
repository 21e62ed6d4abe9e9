using Microsoft.AspNetCore.RateLimiting;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Web.Pages;

/// <summary>The unsubscribe link in every reminder: no sign-in; the signed token names the user and the kind.
/// GET only shows what will stop (mail scanners follow links); the POST does it.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public class UnsubscribeModel(AppDbContext db, UnsubscribeLinks links, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public bool Valid { get; private set; }
    public bool Done { get; private set; }
    public ReminderKind Kind { get; private set; }
    public string? Email { get; private set; }

    public async Task OnGetAsync() => await ReadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = await ReadAsync();
        if (userId is null) return Page();
        var existing = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == Kind);
        if (existing is null)
        {
            db.NotificationPreferences.Add(new NotificationPreference
            {
                UserId = userId.Value,
                Kind = Kind,
                Enabled = false,
                UpdatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        else { existing.Enabled = false; existing.UpdatedAt = clock.GetUtcNow().UtcDateTime; }
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }

    private async Task<Guid?> ReadAsync()
    {
        if (!links.TryRead(Token, out var userId, out var kind)) return null;
        Email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
        if (Email is null) return null;
        Valid = true;
        Kind = kind;
        return userId;
    }
}
