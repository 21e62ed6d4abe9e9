using System.Globalization;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Email.Templates;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// MOU action reminders (due in 14, 7, 1 days; overdue weekly) as one digest per person per day, to the responsible
/// organisation's contacts and partner users, copied to the staff member who created the MOU; and MOU term warnings
/// (90, 60, 30 days) to that staff member and every party's contacts.
/// </summary>
public sealed class MouReminders(AppDbContext db, ReminderSender sender, MailWriter mails) : IReminderSource
{
    public string Name => "mou";

    private sealed record ActionRow(long Id, long MouId, string MouCode, string MouTitle, string Title, long OrganizationId, DateOnly Due, ActionStatus Status);
    private sealed record Item(ActionRow Action, string Key, int? DaysLeft);
    private sealed record Recipient(string Key, Guid? UserId, string Email, string Language, string Name);

    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct)
    {
        var settings = await SettingsStore.LoadAsync(db, ct);
        var horizon = today.AddDays(settings.ActionDueLeadDays.DefaultIfEmpty(14).Max());
        var actions = await db.MouActions.AsNoTracking()
            .WhereOpen().Where(a => a.DueDate != null && a.DueDate <= horizon)
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
                overdueRequests.Add(new(recipient.UserId, recipient.Key, [list],
                    fresh => Digest(ReminderKind.ActionOverdue, recipient, fresh[0], owners, today)));
        }
        var overdueWeek = overdue.Count == 0 ? "" : overdue[0].Key[(overdue[0].Key.LastIndexOf(':') + 1)..];
        foreach (var (outcome, _) in await sender.SendDigestsAsync(ReminderKind.ActionOverdue, dayKey, overdueRequests, _ => "overdue:" + overdueWeek, ct))
            result = result.Add(outcome);
        return result + await TermWarningsAsync(today, settings, ct);
    }

    private async Task<OutboxMessage?> Digest(ReminderKind kind, Recipient to, IReadOnlyList<Item> items,
        IReadOnlyDictionary<long, string> owners, DateOnly today)
    {
        var cc = items.Select(i => owners.GetValueOrDefault(i.Action.MouId)).OfType<string>()
            .Where(e => !e.Equals(to.Email, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var actions = items.Select(i => new DigestAction(i.Action.MouCode, i.Action.MouTitle, i.Action.Title, i.Action.Due,
            i.DaysLeft, today.DayNumber - i.Action.Due.DayNumber)).ToList();
        var recipient = new MailTo(to.Email, to.Language, to.UserId, cc.Count == 0 ? null : string.Join(", ", cc));
        return await mails.WriteAsync<ActionDigestMail>(recipient, new Dictionary<string, object?>
        {
            [nameof(ActionDigestMail.Name)] = to.Name,
            [nameof(ActionDigestMail.Overdue)] = kind == ReminderKind.ActionOverdue,
            [nameof(ActionDigestMail.Actions)] = actions,
            [nameof(ActionDigestMail.Url)] = mails.Url("/Mous"),
        }, kind);
    }

    /// <summary>Each organisation's partner users and its contacts with an e-mail; one recipient per address. Two queries.</summary>
    private async Task<Dictionary<long, List<Recipient>>> RecipientsAsync(IReadOnlyCollection<long> organizationIds, CancellationToken ct)
    {
        if (organizationIds.Count == 0) return [];
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId != null && organizationIds.Contains(u.OrganizationId.Value))
            .Where(u => u.Role == Roles.Partner && !u.IsDisabled && u.Email != null)
            .Select(u => new
            {
                Org = u.OrganizationId!.Value,
                R = new Recipient("user:" + u.Id, u.Id, u.Email!, u.PreferredLanguage, u.DisplayName),
            })
            .ToListAsync(ct);
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
                var message = await mails.WriteAsync<MouTermEndingMail>(new MailTo(to.Email, to.Language, to.UserId),
                    new Dictionary<string, object?>
                    {
                        [nameof(MouTermEndingMail.Name)] = to.Name,
                        [nameof(MouTermEndingMail.Code)] = mou.Code,
                        [nameof(MouTermEndingMail.Title)] = mou.Title,
                        [nameof(MouTermEndingMail.EndDate)] = mou.EndDate,
                        [nameof(MouTermEndingMail.DaysLeft)] = mou.EndDate.DayNumber - today.DayNumber,
                        [nameof(MouTermEndingMail.Url)] = mails.Url($"/Mous/Details?id={mou.Id}"),
                    }, ReminderKind.MouTermEnding);
                var occurrence = $"mou:{mou.Id}:term:{bucket}";
                result = result.Add(await sender.SendAsync(ReminderKind.MouTermEnding, to.UserId, to.Key, occurrence, message, ct));
            }
        }
        return result;
    }
}
