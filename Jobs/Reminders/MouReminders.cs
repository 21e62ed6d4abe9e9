using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Which reminder an action is due for on a day: the smallest lead time it has reached (14 → 7 → 1 days), or the
/// weekly overdue reminder. Each bucket is sent once, so a missed day (an instance down) catches up the next day
/// instead of skipping the reminder.
/// </summary>
public static class ReminderSchedule
{
    public static int? DueBucket(DateOnly due, DateOnly today, IReadOnlyList<int> leadDays)
    {
        var daysLeft = due.DayNumber - today.DayNumber;
        if (daysLeft < 0) return null;
        int? bucket = null;
        foreach (var d in leadDays.OrderByDescending(d => d))
            if (daysLeft <= d) bucket = d;
        return bucket;
    }

    /// <summary>The ISO week of an overdue action's weekly reminder, when today is the configured day.</summary>
    public static string? OverdueWeek(DateOnly due, DateOnly today, DayOfWeek day) =>
        today > due && today.DayOfWeek == day
            ? $"{ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue)):00}"
            : null;
}

/// <summary>
/// MOU action reminders (due in 14, 7, 1 days; overdue weekly) as one digest per person per day, to the responsible
/// organisation's contacts and partner users, copied to the staff member who created the MOU; and MOU term warnings
/// (90, 60, 30 days) to that staff member and every party's contacts.
/// </summary>
public sealed class MouReminders(AppDbContext db, ReminderSender sender, UnsubscribeLinks unsubscribe, IConfiguration config) : IReminderSource
{
    public string Name => "mou";
    private string BaseUrl => (config["App:PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

    private sealed record ActionRow(long Id, long MouId, string MouCode, string MouTitle, string Title, long OrganizationId, DateOnly Due, ActionStatus Status);
    private sealed record Item(ActionRow Action, string Key, int? DaysLeft);
    private sealed record Recipient(string Key, Guid? UserId, string Email, string Language, string Name);

    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct)
    {
        var settings = await SettingsStore.LoadAsync(db, ct);
        var horizon = today.AddDays(settings.ActionDueLeadDays.DefaultIfEmpty(14).Max());
        var actions = await db.MouActions.AsNoTracking()
            .Where(a => a.DueDate != null && a.DueDate <= horizon && a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled)
            .Join(db.Mous.Where(m => m.Status == MouStatus.Active), a => a.MouId, m => m.Id,
                (a, m) => new ActionRow(a.Id, m.Id, m.Code, m.Title, a.Title, a.ResponsibleOrganizationId, a.DueDate!.Value, a.Status))
            .ToListAsync(ct);

        var due = new List<Item>();
        var overdue = new List<Item>();
        foreach (var a in actions)
        {
            if (ReminderSchedule.DueBucket(a.Due, today, settings.ActionDueLeadDays) is { } bucket)
                due.Add(new Item(a, $"action:{a.Id}:due:{bucket}", a.Due.DayNumber - today.DayNumber));
            else if (ReminderSchedule.OverdueWeek(a.Due, today, settings.OverdueReminderDay) is { } week)
                overdue.Add(new Item(a, $"action:{a.Id}:overdue:{week}", null));
        }

        var result = ReminderRunResult.None;
        var owners = await OwnersAsync(actions.Select(a => a.MouId).Distinct().ToList(), ct);
        var recipientsByOrg = await RecipientsAsync(due.Concat(overdue).Select(i => i.Action.OrganizationId).Distinct().ToList(), ct);
        var dayKey = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Coming due: each action's 14/7/1-day warning is its own logged item, so it is sent once whatever happens.
        var dueRequests = new List<ReminderSender.DigestRequest<Item>>();
        foreach (var group in due.GroupBy(i => i.Action.OrganizationId))
        {
            var list = group.OrderBy(i => i.Action.Due).ToList();
            foreach (var recipient in recipientsByOrg.GetValueOrDefault(group.Key) ?? [])
                dueRequests.Add(new(recipient.UserId, recipient.Key, list, fresh => Digest(ReminderKind.ActionDue, recipient, fresh, owners, today)));
        }
        foreach (var (outcome, _) in await sender.SendDigestsAsync(ReminderKind.ActionDue, dayKey, dueRequests, i => i.Key, ct))
            result = result.Add(outcome);

        // Overdue: the weekly digest repeats every open overdue action by design, so one log row per person and week
        // is enough (per-action rows would be hundreds of thousands a week at national scale).
        var overdueRequests = new List<ReminderSender.DigestRequest<IReadOnlyList<Item>>>();
        foreach (var group in overdue.GroupBy(i => i.Action.OrganizationId))
        {
            IReadOnlyList<Item> list = group.OrderBy(i => i.Action.Due).ToList();
            foreach (var recipient in recipientsByOrg.GetValueOrDefault(group.Key) ?? [])
                overdueRequests.Add(new(recipient.UserId, recipient.Key, [list], fresh => Digest(ReminderKind.ActionOverdue, recipient, fresh[0], owners, today)));
        }
        var overdueWeek = overdue.Count == 0 ? "" : overdue[0].Key[(overdue[0].Key.LastIndexOf(':') + 1)..];
        foreach (var (outcome, _) in await sender.SendDigestsAsync(ReminderKind.ActionOverdue, dayKey, overdueRequests, _ => "overdue:" + overdueWeek, ct))
            result = result.Add(outcome);
        return result + await TermWarningsAsync(today, settings, ct);
    }

    private OutboxMessage Digest(ReminderKind kind, Recipient to, IReadOnlyList<Item> items, IReadOnlyDictionary<long, string> owners, DateOnly today)
    {
        var th = to.Language != "en";
        var culture = CultureInfo.GetCultureInfo(th ? "th-TH" : "en-GB");
        string Date(DateOnly d) => d.ToString("d MMMM yyyy", culture);
        var overdue = kind == ReminderKind.ActionOverdue;
        var subject = th
            ? (overdue ? $"ภารกิจเกินกำหนด {items.Count} รายการ" : $"ภารกิจใกล้ครบกำหนด {items.Count} รายการ")
            : (overdue ? $"{items.Count} overdue action(s)" : $"{items.Count} action(s) coming due");
        var sections = items.GroupBy(i => (i.Action.MouCode, i.Action.MouTitle)).Select(g => new EmailLayout.Section(
            $"{g.Key.MouCode} {g.Key.MouTitle}",
            g.Select(i => th
                ? $"{i.Action.Title} — ครบกำหนด {Date(i.Action.Due)}" + (i.DaysLeft is { } d ? (d == 0 ? " (วันนี้)" : $" (อีก {d} วัน)") : $" (เกินกำหนด {today.DayNumber - i.Action.Due.DayNumber} วัน)")
                : $"{i.Action.Title} — due {Date(i.Action.Due)}" + (i.DaysLeft is { } e ? (e == 0 ? " (today)" : $" (in {e} days)") : $" ({today.DayNumber - i.Action.Due.DayNumber} days overdue)")).ToList())).ToList();
        var content = EmailLayout.Build(subject,
            th ? $"เรียน {to.Name}" : $"Dear {to.Name}",
            [th ? "ภารกิจตามบันทึกข้อตกลงความร่วมมือที่หน่วยงานของท่านรับผิดชอบ:" : "Actions your organisation is responsible for under its MOUs:"],
            sections, th ? "ดูและรายงานความคืบหน้า" : "View and report progress", $"{BaseUrl}/Mous",
            th ? "อีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ" : "This e-mail was sent automatically by PartnerPrograms.",
            th ? "หยุดรับการแจ้งเตือนประเภทนี้" : "Stop these reminders",
            to.UserId is { } uid ? unsubscribe.PageUrl(BaseUrl, uid, kind) : null);
        var cc = items.Select(i => owners.GetValueOrDefault(i.Action.MouId)).OfType<string>()
            .Where(e => !e.Equals(to.Email, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new OutboxMessage
        {
            To = to.Email, Cc = cc.Count == 0 ? null : string.Join(", ", cc), Subject = content.Subject,
            HtmlBody = content.Html, TextBody = content.Text, Language = th ? "th" : "en",
            UnsubscribeUrl = to.UserId is { } user ? unsubscribe.OneClickUrl(BaseUrl, user, kind) : null,
        };
    }

    /// <summary>Each organisation's partner users and its contacts with an e-mail; one recipient per address. Two queries.</summary>
    private async Task<Dictionary<long, List<Recipient>>> RecipientsAsync(IReadOnlyCollection<long> organizationIds, CancellationToken ct)
    {
        if (organizationIds.Count == 0) return [];
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId != null && organizationIds.Contains(u.OrganizationId.Value) && u.Role == Roles.Partner && !u.IsDisabled && u.Email != null)
            .Select(u => new { Org = u.OrganizationId!.Value, R = new Recipient("user:" + u.Id, u.Id, u.Email!, u.PreferredLanguage, u.DisplayName) }).ToListAsync(ct);
        var contacts = await db.OrganizationContacts.AsNoTracking()
            .Where(c => organizationIds.Contains(c.OrganizationId) && c.Email != null && c.Email != "")
            .Select(c => new { Org = c.OrganizationId, R = new Recipient("email:" + c.Email!.ToLower(), null, c.Email!, "th", c.Name) }).ToListAsync(ct);
        return users.Concat(contacts).GroupBy(x => x.Org).ToDictionary(g => g.Key,
            g => g.Select(x => x.R).OrderBy(r => r.UserId is null).DistinctBy(r => r.Email.ToLowerInvariant()).ToList());
    }

    /// <summary>The staff member who created each MOU (its first audit entry by a staff or admin user).</summary>
    private async Task<Dictionary<long, string>> OwnersAsync(IReadOnlyCollection<long> mouIds, CancellationToken ct)
    {
        if (mouIds.Count == 0) return [];
        var rows = await db.MouAuditEntries.AsNoTracking()
            .Where(a => mouIds.Contains(a.MouId) && a.Entity == "Mou" && a.UserId != null)
            .Join(db.Users.Where(u => (u.Role == Roles.Staff || u.Role == Roles.Admin) && !u.IsDisabled), a => a.UserId, u => u.Id,
                (a, u) => new { a.MouId, a.At, u.Email })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MouId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.At).First().Email!);
    }

    private async Task<ReminderRunResult> TermWarningsAsync(DateOnly today, PortalSettings settings, CancellationToken ct)
    {
        var horizon = today.AddDays(settings.MouTermLeadDays.DefaultIfEmpty(90).Max());
        var mous = await db.Mous.AsNoTracking().Where(m => m.Status == MouStatus.Active && m.EndDate >= today && m.EndDate <= horizon)
            .Select(m => new { m.Id, m.Code, m.Title, m.EndDate, Orgs = m.Parties.Select(p => p.OrganizationId).ToList() }).ToListAsync(ct);
        var owners = await OwnersAsync(mous.Select(m => m.Id).ToList(), ct);
        var result = ReminderRunResult.None;
        foreach (var mou in mous)
        {
            if (ReminderSchedule.DueBucket(mou.EndDate, today, settings.MouTermLeadDays) is not { } bucket) continue;
            var recipients = new List<Recipient>();
            if (owners.TryGetValue(mou.Id, out var ownerEmail))
            {
                var owner = await db.Users.AsNoTracking().Where(u => u.Email == ownerEmail)
                    .Select(u => new Recipient("user:" + u.Id, u.Id, u.Email!, u.PreferredLanguage, u.DisplayName)).FirstAsync(ct);
                recipients.Add(owner);
            }
            recipients.AddRange(await db.OrganizationContacts.AsNoTracking()
                .Where(c => mou.Orgs.Contains(c.OrganizationId) && c.Email != null && c.Email != "")
                .Select(c => new Recipient("email:" + c.Email!.ToLower(), null, c.Email!, "th", c.Name)).ToListAsync(ct));
            foreach (var to in recipients.DistinctBy(r => r.Email.ToLowerInvariant()))
            {
                var th = to.Language != "en";
                var end = mou.EndDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(th ? "th-TH" : "en-GB"));
                var days = mou.EndDate.DayNumber - today.DayNumber;
                var content = EmailLayout.Build(
                    th ? $"บันทึกข้อตกลง {mou.Code} จะสิ้นสุดในอีก {days} วัน" : $"MOU {mou.Code} ends in {days} days",
                    th ? $"เรียน {to.Name}" : $"Dear {to.Name}",
                    [th ? $"บันทึกข้อตกลงความร่วมมือ \"{mou.Title}\" จะสิ้นสุดระยะเวลาในวันที่ {end} หากต้องการดำเนินความร่วมมือต่อ โปรดพิจารณาต่ออายุ"
                        : $"The MOU \"{mou.Title}\" ends on {end}. If the cooperation should continue, consider renewing it."],
                    [], th ? "ดูบันทึกข้อตกลง" : "Open the MOU", $"{BaseUrl}/Mous/Details?id={mou.Id}",
                    th ? "อีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ" : "This e-mail was sent automatically by PartnerPrograms.",
                    th ? "หยุดรับการแจ้งเตือนประเภทนี้" : "Stop these reminders",
                    to.UserId is { } uid ? unsubscribe.PageUrl(BaseUrl, uid, ReminderKind.MouTermEnding) : null);
                result = result.Add(await sender.SendAsync(ReminderKind.MouTermEnding, to.UserId, to.Key, $"mou:{mou.Id}:term:{bucket}",
                    new OutboxMessage
                    {
                        To = to.Email, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text, Language = th ? "th" : "en",
                        UnsubscribeUrl = to.UserId is { } user ? unsubscribe.OneClickUrl(BaseUrl, user, ReminderKind.MouTermEnding) : null,
                    }, ct));
            }
        }
        return result;
    }
}
