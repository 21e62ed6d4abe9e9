using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// Applies the SQL scripts embedded under Domain/Migrations in name order, each once, each in its own transaction,
/// recorded in schema_migrations. A session-level advisory lock lets several instances start at the same time:
/// the first applies, the others wait (as long as it takes: a long migration is not an error) and then find nothing
/// to do. Each script runs under a lock_timeout: DDL waiting for a table that a long query holds would otherwise
/// queue every later reader of that table behind it and freeze the running portal; instead it gives up, retries a
/// few times and then stops the start with a message saying what blocked it.
/// </summary>
public static class Migrator
{
    /// <summary>How long a script may wait for a lock per attempt, and how often it tries.</summary>
    public sealed record Options(TimeSpan LockTimeout, int Attempts, TimeSpan RetryDelay)
    {
        public static Options Default { get; } = new(TimeSpan.FromSeconds(10), 6, TimeSpan.FromSeconds(5));
    }

    private const long AdvisoryLockKey = 7_241_563_001;
    private const string Prefix = "PartnerPrograms.Domain.Migrations.";

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    private static List<(string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[Prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }

    public static Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        MigrateAsync(connectionString, Scripts, Options.Default, logger, ct);

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IReadOnlyList<(string Version, string Sql)> scripts,
        Options options, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var applied = new List<string>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        // No command timeout: another instance may be in the middle of a long migration (the default 30 s made this
        // start fail); stopping the process (ct) still ends the wait.
        await Exec(conn, $"select pg_advisory_lock({AdvisoryLockKey})", ct, timeout: 0);
        try
        {
            await Exec(conn, """
                create table if not exists schema_migrations (
                    version text primary key,
                    applied_at timestamptz not null default now())
                """, ct);
            var done = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("select version from schema_migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) done.Add(r.GetString(0));

            foreach (var (version, sql) in scripts.Where(s => !done.Contains(s.Version)))
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await ApplyAsync(conn, version, sql, options.LockTimeout, ct);
                        break;
                    }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
                    {
                        if (attempt >= options.Attempts) throw new MigrationBlockedException(version, options, e);
                        logger.LogWarning("Migration {Version} waited {Seconds} s for a lock another session holds; trying again ({Attempt}/{Attempts})",
                            version, options.LockTimeout.TotalSeconds, attempt, options.Attempts);
                        await Task.Delay(options.RetryDelay, ct);
                    }
                }
                logger.LogInformation("Applied migration {Version}", version);
                applied.Add(version);
            }
        }
        finally
        {
            await Exec(conn, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
        return applied;
    }

    /// <summary>The scripts that are not yet applied (empty when the schema is current).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(
            "select version from schema_migrations where to_regclass('schema_migrations') is not null", conn);
        try
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) done.Add(r.GetString(0));
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            // no history table yet: everything is pending
        }
        return Scripts.Select(s => s.Version).Where(v => !done.Contains(v)).ToList();
    }

    private static async Task ApplyAsync(NpgsqlConnection conn, string version, string sql, TimeSpan lockTimeout, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // set_config(…, true) = SET LOCAL: the timeout ends with the transaction.
        await using (var cmd = new NpgsqlCommand("select set_config('lock_timeout', @t, true)", conn, tx))
        {
            cmd.Parameters.AddWithValue("t", $"{(long)lockTimeout.TotalMilliseconds}ms");
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand(sql, conn, tx)) { cmd.CommandTimeout = 600; await cmd.ExecuteNonQueryAsync(ct); }
        await using (var cmd = new NpgsqlCommand("insert into schema_migrations(version) values (@v)", conn, tx))
        {
            cmd.Parameters.AddWithValue("v", version);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, int? timeout = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (timeout is { } t) cmd.CommandTimeout = t;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
