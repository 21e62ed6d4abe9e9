using Npgsql;
using NpgsqlTypes;
using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// Batch jobs on trainees' national IDs, with plain SQL (no EF tracking of hundreds of thousands of rows): at start,
/// converting the plain column 0011 left behind and binding column-bound ciphertexts to their rows (0017); on demand
/// (`rotate-national-id-keys`), re-encrypting under the current key.
/// </summary>
public sealed class NationalIdMaintenance(NationalIdProtector protector, ILogger<NationalIdMaintenance> logger)
{
    private const int BatchSize = 2000;

    /// <summary>
    /// Encrypts every row still holding a plain national ID (from before 0011), then drops the plain column, all in one
    /// transaction under a table lock, so two instances starting together convert once. Returns the rows converted, or
    /// -1 when there was nothing left to convert (the column is gone).
    /// </summary>
    public async Task<int> ConvertPlainColumnAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        if (!await PlainColumnExistsAsync(conn, null, ct)) return -1;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, tx, "lock table trainees in share row exclusive mode", ct);
        if (!await PlainColumnExistsAsync(conn, tx, ct)) return -1;
        var rows = new List<(long Id, string Digits)>();
        await using (var cmd = new NpgsqlCommand("select id, national_id_plain from trainees where national_id_plain is not null", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) rows.Add((r.GetInt64(0), r.GetString(1)));
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            await using var batch = new NpgsqlBatch(conn, tx);
            foreach (var (id, digits) in chunk)
            {
                var clean = NationalId.Normalize(digits) ?? throw new InvalidOperationException(
                    $"Trainee {id} has a malformed national ID; fix it before converting.");
                batch.BatchCommands.Add(Update(id, protector.Encrypt(clean, id), protector.Hash(clean), NationalId.Mask(clean),
                    "update trainees set national_id_cipher = $2, national_id_hash = $3, national_id_masked = $4, national_id_plain = null where id = $1"));
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        await ExecAsync(conn, tx, """
            alter table trainees drop constraint ck_trainees_national_id_present;
            alter table trainees drop column national_id_plain;
            alter table trainees add constraint ck_trainees_national_id_present check (national_id_hash is not null or erased_at is not null);
            """, ct);
        await tx.CommitAsync(ct);
        if (rows.Count > 0) logger.LogInformation("Encrypted {Count} national IDs and dropped the plain column", rows.Count);
        return rows.Count;
    }

    /// <summary>
    /// Re-encrypts every ciphertext still in the column-bound format (written before 0017) bound to its row, in batches
    /// of <see cref="BatchSize"/>, each its own transaction; a row changed meanwhile is left for the next run. 0017's
    /// partial index holds exactly these rows, so once all are converted a start pays nothing for this. Safe to run
    /// on several instances at once (each row is written once, whoever wins). Returns the rows converted.
    /// </summary>
    public async Task<int> BindToRowsAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        long last = 0;
        var converted = 0;
        while (true)
        {
            var rows = new List<(long Id, byte[] Cipher)>();
            await using (var cmd = new NpgsqlCommand(
                "select id, national_id_cipher from trainees"
                + " where national_id_cipher is not null and get_byte(national_id_cipher, 0) <> 0 and id > $1"
                + " order by id limit $2", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = last });
                cmd.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) rows.Add((r.GetInt64(0), (byte[])r[1]));
            }
            if (rows.Count == 0) break;
            last = rows[^1].Id;
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx);
            foreach (var (id, cipher) in rows)
            {
                var c = new NpgsqlBatchCommand("update trainees set national_id_cipher = $2 where id = $1 and national_id_cipher = $3");
                c.Parameters.Add(new NpgsqlParameter { Value = id });
                c.Parameters.Add(new NpgsqlParameter { Value = protector.Encrypt(protector.DecryptUnbound(cipher), id), NpgsqlDbType = NpgsqlDbType.Bytea });
                c.Parameters.Add(new NpgsqlParameter { Value = cipher, NpgsqlDbType = NpgsqlDbType.Bytea });
                batch.BatchCommands.Add(c);
            }
            await batch.ExecuteNonQueryAsync(ct);
            foreach (NpgsqlBatchCommand c in batch.BatchCommands) converted += c.RecordsAffected;
            await tx.CommitAsync(ct);
        }
        if (converted > 0) logger.LogInformation("Bound {Count} national IDs to their trainee rows", converted);
        return converted;
    }

    public sealed record RotationResult(int Reencrypted, int Rehashed, int Total, int Unreadable = 0);

    /// <summary>
    /// Re-encrypts every national ID not under the current key (or not yet bound to its row), and recomputes every hash
    /// that does not match the current lookup key, in batches (each its own transaction, so a long run can stop and
    /// start again). A ciphertext that does not decrypt for its row (moved from another row, or damaged) is left as it
    /// is and counted, with the trainee ids in the log: re-encrypting it would launder it.
    /// </summary>
    public async Task<RotationResult> RotateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        long last = 0;
        int reencrypted = 0, rehashed = 0, total = 0;
        var unreadable = new List<long>();
        while (true)
        {
            var rows = new List<(long Id, byte[] Cipher, byte[] Hash)>();
            await using (var cmd = new NpgsqlCommand(
                "select id, national_id_cipher, national_id_hash from trainees where id > $1 and national_id_cipher is not null order by id limit $2", conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = last });
                cmd.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) rows.Add((r.GetInt64(0), (byte[])r[1], (byte[])r[2]));
            }
            if (rows.Count == 0) break;
            last = rows[^1].Id;
            total += rows.Count;
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx);
            foreach (var (id, cipher, hash) in rows)
            {
                var bound = NationalIdProtector.IsRowBound(cipher);
                string digits;
                try { digits = bound ? protector.Decrypt(cipher, id) : protector.DecryptUnbound(cipher); }
                catch (System.Security.Cryptography.CryptographicException) { unreadable.Add(id); continue; }
                var newHash = protector.Hash(digits);
                var stale = !bound || NationalIdProtector.KeyIdOf(cipher) != protector.CurrentKeyId;
                var hashStale = !newHash.AsSpan().SequenceEqual(hash);
                if (!stale && !hashStale) continue;
                if (stale) reencrypted++;
                if (hashStale) rehashed++;
                batch.BatchCommands.Add(Update(id, stale ? protector.Encrypt(digits, id) : cipher, newHash, NationalId.Mask(digits),
                    "update trainees set national_id_cipher = $2, national_id_hash = $3, national_id_masked = $4 where id = $1"));
            }
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        logger.LogInformation("National-ID key rotation: {Reencrypted} re-encrypted, {Rehashed} re-hashed of {Total}", reencrypted, rehashed, total);
        if (unreadable.Count > 0)
            logger.LogWarning(
                "National-ID key rotation: {Count} IDs do not decrypt for their own rows (moved from another row or "
                + "damaged) and were left as they are: trainees {Ids}",
                unreadable.Count, string.Join(", ", unreadable.Take(100)));
        return new RotationResult(reencrypted, rehashed, total, unreadable.Count);
    }

    private static NpgsqlBatchCommand Update(long id, byte[] cipher, byte[] hash, string masked, string sql)
    {
        var c = new NpgsqlBatchCommand(sql);
        c.Parameters.Add(new NpgsqlParameter { Value = id });
        c.Parameters.Add(new NpgsqlParameter { Value = cipher, NpgsqlDbType = NpgsqlDbType.Bytea });
        c.Parameters.Add(new NpgsqlParameter { Value = hash, NpgsqlDbType = NpgsqlDbType.Bytea });
        c.Parameters.Add(new NpgsqlParameter { Value = masked });
        return c;
    }

    private static async Task<bool> PlainColumnExistsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select exists (select 1 from information_schema.columns where table_schema = current_schema()"
            + " and table_name = 'trainees' and column_name = 'national_id_plain')", conn, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
