using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Sends one reminder at most once: the reminder_log row (unique per kind, recipient, occurrence) and the outbox
/// message are written in one transaction, and a user who turned the kind off is skipped. A recipient key that is an
/// e-mail address is stored as its keyed hash (<see cref="RecipientKeys"/>), in the log and in the message's dedupe key.
/// </summary>
public sealed class ReminderSender(AppDbContext db, TimeProvider clock, PartnerPrograms.Domain.Privacy.NationalIdProtector keys)
{
    public async Task<ReminderOutcome> SendAsync(ReminderKind kind, Guid? userId, string recipientKey, string occurrenceKey,
        OutboxMessage message, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(message.To)) return ReminderOutcome.NoAddress;
        recipientKey = RecipientKeys.Stored(recipientKey, keys);
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

    /// <summary>One reminder of many sent by <see cref="SendManyAsync"/>.</summary>
    public sealed record Request(Guid? UserId, string RecipientKey, string OccurrenceKey, OutboxMessage Message);

    /// <summary>
    /// Many single reminders at once (the "your certificate is ready" mails of a chunk of certificates), with the same
    /// guarantees as <see cref="SendAsync"/>: one opt-out query, one claiming insert (unnest … on conflict do nothing
    /// returning), one bulk insert of the messages and one update linking the log rows, instead of six round trips each.
    /// </summary>
    public async Task<IReadOnlyList<ReminderOutcome>> SendManyAsync(ReminderKind kind, IReadOnlyList<Request> requests, CancellationToken ct = default)
    {
        var results = new ReminderOutcome[requests.Count];
        var stored = requests.Select(r => RecipientKeys.Stored(r.RecipientKey, keys)).ToArray();
        var userIds = requests.Select(r => r.UserId).OfType<Guid>().Distinct().ToList();
        var optedOut = userIds.Count == 0 ? [] : (await db.NotificationPreferences.AsNoTracking()
            .Where(p => userIds.Contains(p.UserId) && p.Kind == kind && !p.Enabled).Select(p => p.UserId).ToListAsync(ct)).ToHashSet();
        var candidates = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(requests[i].Message.To)) results[i] = ReminderOutcome.NoAddress;
            else if (requests[i].UserId is { } u && optedOut.Contains(u)) results[i] = ReminderOutcome.OptedOut;
            else candidates.Add(i);
        }
        if (candidates.Count == 0) return results;

        var kindText = kind.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var recipients = candidates.Select(i => stored[i]).ToArray();
        var occurrences = candidates.Select(i => requests[i].OccurrenceKey).ToArray();
        var claimed = (await db.Database.SqlQuery<string>($"""
            insert into reminder_log (kind, recipient_key, occurrence_key, created_at)
            select {kindText}, r, o, {now} from unnest({recipients}, {occurrences}) as t(r, o)
            on conflict (kind, recipient_key, occurrence_key) do nothing
            returning recipient_key || chr(31) || occurrence_key as "Value"
            """).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<int>();
        foreach (var i in candidates)
        {
            var r = requests[i];
            // Remove as used: the same reminder twice in one call is sent once.
            if (!claimed.Remove(stored[i] + '\u001f' + r.OccurrenceKey)) { results[i] = ReminderOutcome.AlreadySent; continue; }
            r.Message.DedupeKey = new ReminderLogEntry { Kind = kind, RecipientKey = stored[i], OccurrenceKey = r.OccurrenceKey }.DedupeKey;
            r.Message.NextAttemptAt = now;
            r.Message.CreatedAt = now;
            fresh.Add(i);
        }
        if (fresh.Count > 0)
        {
            db.OutboxMessages.AddRange(fresh.Select(i => requests[i].Message));
            await db.SaveChangesAsync(ct);
            var freshRecipients = fresh.Select(i => stored[i]).ToArray();
            var freshOccurrences = fresh.Select(i => requests[i].OccurrenceKey).ToArray();
            var messageIds = fresh.Select(i => requests[i].Message.Id).ToArray();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                update reminder_log l set outbox_message_id = t.m
                from unnest({freshRecipients}, {freshOccurrences}, {messageIds}) as t(r, o, m)
                where l.kind = {kindText} and l.recipient_key = t.r and l.occurrence_key = t.o
                """, ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var i in fresh) results[i] = ReminderOutcome.Queued;
        return results;
    }

    /// <summary>One person's digest for a day: the candidate items and how to write the e-mail from the fresh ones
    /// (rendering a template is asynchronous).</summary>
    public sealed record DigestRequest<T>(Guid? UserId, string RecipientKey, IReadOnlyList<T> Items,
        Func<IReadOnlyList<T>, Task<OutboxMessage?>> Build);

    /// <summary>
    /// One digest e-mail for a person and a day, listing only the items not reminded before: each item (e.g. "the
    /// 7-day warning of action 12") is logged on its own, so a second run, or tomorrow's digest, never repeats it.
    /// </summary>
    public async Task<(ReminderOutcome Outcome, IReadOnlyList<T> Sent)> SendDigestAsync<T>(ReminderKind kind, Guid? userId, string recipientKey,
        string dayKey, IReadOnlyList<T> items, Func<T, string> itemKey, Func<IReadOnlyList<T>, OutboxMessage?> build, CancellationToken ct = default)
        => await SendDigestAsync(kind, userId, recipientKey, dayKey, items, itemKey, fresh => Task.FromResult(build(fresh)), ct);

    /// <summary>The same, written by an asynchronous builder (a mail template).</summary>
    public async Task<(ReminderOutcome Outcome, IReadOnlyList<T> Sent)> SendDigestAsync<T>(ReminderKind kind, Guid? userId, string recipientKey,
        string dayKey, IReadOnlyList<T> items, Func<T, string> itemKey, Func<IReadOnlyList<T>, Task<OutboxMessage?>> build,
        CancellationToken ct = default)
    {
        var results = await SendDigestsAsync(kind, dayKey, [new DigestRequest<T>(userId, recipientKey, items, build)], itemKey, ct);
        return results[0];
    }

    /// <summary>
    /// Many digests at once, in batches of 500 people per transaction: one query for opt-outs, one insert (unnest …
    /// on conflict do nothing returning) that logs every item and tells which are new, and bulk inserts of the
    /// messages and their log rows. At national scale (thousands of digests) this is what keeps the daily scan short.
    /// </summary>
    public async Task<IReadOnlyList<(ReminderOutcome Outcome, IReadOnlyList<T> Sent)>> SendDigestsAsync<T>(ReminderKind kind, string dayKey,
        IReadOnlyList<DigestRequest<T>> requests, Func<T, string> itemKey, CancellationToken ct = default)
    {
        var results = new (ReminderOutcome, IReadOnlyList<T>)[requests.Count];
        var kindText = kind.ToString();
        var stored = requests.Select(r => RecipientKeys.Stored(r.RecipientKey, keys)).ToArray();
        for (var start = 0; start < requests.Count; start += 500)
        {
            var batch = Enumerable.Range(start, Math.Min(500, requests.Count - start)).ToList();
            var userIds = batch.Select(i => requests[i].UserId).OfType<Guid>().Distinct().ToList();
            var optedOut = userIds.Count == 0 ? [] : (await db.NotificationPreferences.AsNoTracking()
                .Where(p => userIds.Contains(p.UserId) && p.Kind == kind && !p.Enabled).Select(p => p.UserId).ToListAsync(ct)).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var recipients = new List<string>();
            var occurrences = new List<string>();
            foreach (var i in batch)
            {
                var r = requests[i];
                if (r.UserId is { } u && optedOut.Contains(u)) { results[i] = (ReminderOutcome.OptedOut, []); continue; }
                foreach (var item in r.Items) { recipients.Add(stored[i]); occurrences.Add("item:" + itemKey(item)); }
            }
            var inserted = recipients.Count == 0 ? [] : (await db.Database.SqlQuery<string>($"""
                insert into reminder_log (kind, recipient_key, occurrence_key, created_at)
                select {kindText}, r, o, {now} from unnest({recipients.ToArray()}, {occurrences.ToArray()}) as t(r, o)
                on conflict (kind, recipient_key, occurrence_key) do nothing
                returning recipient_key || chr(31) || occurrence_key as "Value"
                """).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var logs = new List<(ReminderLogEntry Entry, OutboxMessage Message)>();
            foreach (var i in batch)
            {
                var r = requests[i];
                if (r.UserId is { } u && optedOut.Contains(u)) continue;
                var fresh = r.Items.Where(item => inserted.Contains(stored[i] + '\u001f' + "item:" + itemKey(item))).ToList();
                if (fresh.Count == 0) { results[i] = (ReminderOutcome.AlreadySent, []); continue; }
                var message = await r.Build(fresh);
                if (message is null || string.IsNullOrWhiteSpace(message.To)) { results[i] = (ReminderOutcome.NoAddress, []); continue; }
                // The first new item names the digest: it was never sent before, so the key is new too.
                var entry = new ReminderLogEntry { Kind = kind, RecipientKey = stored[i], OccurrenceKey = $"{dayKey}:{itemKey(fresh[0])}", CreatedAt = now };
                message.DedupeKey = entry.DedupeKey;
                message.NextAttemptAt = now;
                message.CreatedAt = now;
                logs.Add((entry, message));
                results[i] = (ReminderOutcome.Queued, fresh);
            }
            db.OutboxMessages.AddRange(logs.Select(l => l.Message));
            await db.SaveChangesAsync(ct);
            foreach (var (entry, message) in logs) entry.OutboxMessageId = message.Id;
            db.ReminderLog.AddRange(logs.Select(l => l.Entry));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return results;
    }
}
