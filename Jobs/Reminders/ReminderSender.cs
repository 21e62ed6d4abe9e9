using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Jobs.Reminders;

public enum ReminderOutcome { Queued, AlreadySent, OptedOut, NoAddress }

/// <summary>What one run of the reminder jobs did.</summary>
public sealed record ReminderRunResult(int Queued, int SkippedAsAlreadySent)
{
    public static readonly ReminderRunResult None = new(0, 0);
    public static ReminderRunResult operator +(ReminderRunResult a, ReminderRunResult b) => new(a.Queued + b.Queued, a.SkippedAsAlreadySent + b.SkippedAsAlreadySent);
    public ReminderRunResult Add(ReminderOutcome outcome) => outcome switch
    {
        ReminderOutcome.Queued => this with { Queued = Queued + 1 },
        ReminderOutcome.AlreadySent => this with { SkippedAsAlreadySent = SkippedAsAlreadySent + 1 },
        _ => this,
    };
}

/// <summary>A feature's reminders (MOU actions, MOU terms, sessions, …), run by the daily reminder job for a date.</summary>
public interface IReminderSource
{
    string Name { get; }
    Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct);
}

/// <summary>
/// Sends one reminder at most once: the reminder_log row (unique per kind, recipient, occurrence) and the outbox
/// message are written in one transaction, and a user who turned the kind off is skipped.
/// </summary>
public sealed class ReminderSender(AppDbContext db, TimeProvider clock)
{
    public async Task<ReminderOutcome> SendAsync(ReminderKind kind, Guid? userId, string recipientKey, string occurrenceKey,
        OutboxMessage message, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(message.To)) return ReminderOutcome.NoAddress;
        if (userId is { } uid && await db.NotificationPreferences.AnyAsync(p => p.UserId == uid && p.Kind == kind && !p.Enabled, ct))
            return ReminderOutcome.OptedOut;

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new ReminderLogEntry { Kind = kind, RecipientKey = recipientKey, OccurrenceKey = occurrenceKey, CreatedAt = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // ON CONFLICT DO NOTHING: a second run (or a second scheduler at the same moment) finds the row and stops here.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into reminder_log (kind, recipient_key, occurrence_key, created_at)
            values ({kind.ToString()}, {recipientKey}, {occurrenceKey}, {now})
            on conflict (kind, recipient_key, occurrence_key) do nothing
            """, ct);
        if (inserted == 0) { await tx.RollbackAsync(ct); return ReminderOutcome.AlreadySent; }
        message.DedupeKey = entry.DedupeKey;
        message.NextAttemptAt = now;
        message.CreatedAt = now;
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(ct);
        await db.ReminderLog.Where(r => r.Kind == kind && r.RecipientKey == recipientKey && r.OccurrenceKey == occurrenceKey)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.OutboxMessageId, message.Id), ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ReminderOutcome.Queued;
    }

    /// <summary>
    /// One digest e-mail for a person and a day, listing only the items not reminded before: each item (e.g. "the
    /// 7-day warning of action 12") is logged on its own, so a second run, or tomorrow's digest, never repeats it.
    /// Returns the outcome and the items the digest carried.
    /// </summary>
    public async Task<(ReminderOutcome Outcome, IReadOnlyList<T> Sent)> SendDigestAsync<T>(ReminderKind kind, Guid? userId, string recipientKey,
        string dayKey, IReadOnlyList<T> items, Func<T, string> itemKey, Func<IReadOnlyList<T>, OutboxMessage?> build, CancellationToken ct = default)
    {
        if (items.Count == 0) return (ReminderOutcome.AlreadySent, []);
        if (userId is { } uid && await db.NotificationPreferences.AnyAsync(p => p.UserId == uid && p.Kind == kind && !p.Enabled, ct))
            return (ReminderOutcome.OptedOut, []);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fresh = new List<T>();
        foreach (var item in items)
        {
            var occurrence = "item:" + itemKey(item);
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                insert into reminder_log (kind, recipient_key, occurrence_key, created_at)
                values ({kind.ToString()}, {recipientKey}, {occurrence}, {now})
                on conflict (kind, recipient_key, occurrence_key) do nothing
                """, ct);
            if (inserted > 0) fresh.Add(item);
        }
        var message = fresh.Count == 0 ? null : build(fresh);
        if (message is null || string.IsNullOrWhiteSpace(message.To))
        {
            await tx.RollbackAsync(ct);
            return (fresh.Count == 0 ? ReminderOutcome.AlreadySent : ReminderOutcome.NoAddress, []);
        }
        // A second digest on the same day (new items came due since the first) gets its own key.
        var digestKey = dayKey;
        for (var n = 2; await db.ReminderLog.AnyAsync(r => r.Kind == kind && r.RecipientKey == recipientKey && r.OccurrenceKey == digestKey, ct); n++)
            digestKey = $"{dayKey}#{n}";
        var entry = new ReminderLogEntry { Kind = kind, RecipientKey = recipientKey, OccurrenceKey = digestKey, CreatedAt = now };
        message.DedupeKey = entry.DedupeKey;
        message.NextAttemptAt = now;
        message.CreatedAt = now;
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(ct);
        entry.OutboxMessageId = message.Id;
        db.ReminderLog.Add(entry);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (ReminderOutcome.Queued, fresh);
    }
}
