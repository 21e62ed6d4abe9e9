using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Web.Pages.Reminders;

namespace PartnerPrograms.Web.Pages.Profile;

public class NotificationsModel(AppDbContext db, CalendarFeeds feeds, TimeProvider clock, IStringLocalizer l) : PageModel
{
    public IReadOnlyList<ReminderKind> Kinds { get; private set; } = [];
    public HashSet<ReminderKind> Off { get; private set; } = [];
    public string CalendarUrl { get; private set; } = "";

    /// <summary>The kinds a role can receive.</summary>
    public static IReadOnlyList<ReminderKind> KindsFor(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Participant) ? [ReminderKind.SessionTomorrow, ReminderKind.CertificateIssued]
        : user.IsInRole(Roles.Partner) ? [ReminderKind.ActionDue, ReminderKind.ActionOverdue, ReminderKind.MouTermEnding]
        : [ReminderKind.ActionDue, ReminderKind.ActionOverdue, ReminderKind.MouTermEnding, ReminderKind.LowAttendance];

    public async Task OnGetAsync()
    {
        var id = User.UserId()!.Value;
        Kinds = KindsFor(User);
        Off = (await db.NotificationPreferences.Where(p => p.UserId == id && !p.Enabled).Select(p => p.Kind).ToListAsync()).ToHashSet();
        CalendarUrl = await feeds.UrlAsync(id);
    }

    public async Task<IActionResult> OnPostSaveAsync(List<ReminderKind> enabled)
    {
        var id = User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.NotificationPreferences.Where(p => p.UserId == id).ToListAsync();
        foreach (var kind in KindsFor(User))
        {
            var row = existing.FirstOrDefault(p => p.Kind == kind);
            if (row is null) db.NotificationPreferences.Add(row = new NotificationPreference { UserId = id, Kind = kind });
            row.Enabled = enabled.Contains(kind);
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRegenerateAsync()
    {
        await feeds.RegenerateAsync(User.UserId()!.Value);
        TempData["Flash"] = l["A new calendar address was made; the old one no longer works."].Value;
        return RedirectToPage();
    }
}
