using Npgsql;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// At start: reminder_log rows written before 0017 keyed by a plain e-mail address ("email:…") get the keyed hash
/// instead (<see cref="RecipientKeys"/>), and so do the dedupe keys of their outbox messages, which embed the same key.
/// SQL cannot do it (the key is not in the database). Batched and idempotent; 0017's partial index holds exactly the
/// rows left to do, so once done a start pays nothing.
/// </summary>
public sealed class ReminderKeyMaintenance(NationalIdProtector keys, ILogger<ReminderKeyMaintenance> logger)
{
    private const int BatchSize = 2000;

    public async Task<int> HashEmailKeysAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var converted = 0;
        while (true)
        {
            var rows = new List<(long Id, string Kind, string Key, string Occurrence)>();
            await using (var cmd = new NpgsqlCommand(
                "select id, kind, recipient_key, occurrence_key from reminder_log"
                + $" where recipient_key like '{RecipientKeys.EmailPrefix}%' order by id limit {BatchSize}", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) rows.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)));
            if (rows.Count == 0) break;
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx);
            foreach (var (id, kind, key, occurrence) in rows)
            {
                var hashed = RecipientKeys.Stored(key, keys);
                // The same reminder may already be logged under the hashed key (sent by a newer instance): then the old
                // row is a duplicate and goes.
                batch.BatchCommands.Add(Command("""
                    update reminder_log set recipient_key = $2 where id = $1
                      and not exists (select 1 from reminder_log o where o.kind = $3 and o.recipient_key = $2 and o.occurrence_key = $4)
                    """, id, hashed, kind, occurrence));
                batch.BatchCommands.Add(Command("delete from reminder_log where id = $1 and recipient_key = $2", id, key));
                var oldDedupe = $"reminder:{kind}:{key}:{occurrence}";
                var newDedupe = $"reminder:{kind}:{hashed}:{occurrence}";
                // Likewise in the outbox: a clash keeps the message, with its id making the key unique.
                batch.BatchCommands.Add(Command("""
                    update email_outbox set dedupe_key = case when exists (select 1 from email_outbox o where o.dedupe_key = $2)
                      then left($2, 280) || ':' || id else $2 end
                    where dedupe_key = $1
                    """, oldDedupe, newDedupe));
            }
            await batch.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            converted += rows.Count;
        }
        if (converted > 0) logger.LogInformation("Replaced {Count} e-mail addresses in the reminder log by their keyed hashes", converted);
        return converted;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v });
        return c;
    }
}
