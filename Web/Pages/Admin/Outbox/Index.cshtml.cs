using PartnerPrograms.Domain.Email;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Pages.Admin.Outbox;

public class IndexModel(AppDbContext db, EmailSender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public List<OutboxMessage> Messages { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public List<PartnerPrograms.Domain.Reminders.ReminderLogEntry> Reminders { get; private set; } = [];
    public string? PickupDirectory => sender.WritesToFolder ? sender.PickupDirectory : null;

    public async Task OnGetAsync()
    {
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Counts = counts.ToDictionary(c => c.Key.ToString(), c => c.Count);
        Counts[""] = counts.Sum(c => c.Count);
        var query = db.OutboxMessages.AsNoTracking();
        if (Enum.TryParse<OutboxStatus>(Status, out var status)) query = query.Where(m => m.Status == status);
        Messages = await query.OrderByDescending(m => m.Id).Take(200).ToListAsync();
        Reminders = await db.ReminderLog.AsNoTracking().Where(r => r.OutboxMessageId != null).OrderByDescending(r => r.Id).Take(100).ToListAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id)
    {
        var message = await db.OutboxMessages.FindAsync(id);
        if (message is null) return NotFound();
        if (message.Status == OutboxStatus.Failed) { message.Requeue(clock.GetUtcNow().UtcDateTime); await db.SaveChangesAsync(); }
        return RedirectToPage(new { status = Status });
    }
}
