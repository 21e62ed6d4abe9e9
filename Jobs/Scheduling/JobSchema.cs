using Hangfire.PostgreSql;
using Npgsql;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// Creates or upgrades Hangfire's tables (schema "hangfire", same database) at start, under an advisory lock, so
/// instances starting together do it once, the others wait and find it done. The storage itself never installs.
/// </summary>
public static class JobSchema
{
    private const long AdvisoryLockKey = 7_241_563_002;
    public const string Name = "hangfire";

    public static async Task InstallAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var cmd = new NpgsqlCommand($"select pg_advisory_lock({AdvisoryLockKey})", conn) { CommandTimeout = 0 })
            await cmd.ExecuteNonQueryAsync(ct);
        try
        {
            PostgreSqlObjectsInstaller.Install(conn, Name);
        }
        finally
        {
            await using var cmd = new NpgsqlCommand($"select pg_advisory_unlock({AdvisoryLockKey})", conn);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
