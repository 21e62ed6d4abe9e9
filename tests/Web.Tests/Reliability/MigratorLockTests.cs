using System.Diagnostics;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Reliability;

/// <summary>
/// An instance that starts while another migrates waits for it however long it takes; a migration blocked by a long
/// query gives up with a clear message instead of freezing the tables it waits for.
/// </summary>
public class MigratorLockTests
{
    private const long MigrationLock = 7_241_563_001;

    private static async Task<NpgsqlConnection> OpenAsync(string cs)
    {
        var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return conn;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_second_migrator_waits_past_the_30_second_command_timeout_for_the_first_and_then_finds_nothing_to_do()
    {
        var cs = await TestDatabase.CreateAsync();
        // The "first instance": holds the migration lock for 35 s, longer than Npgsql's default command timeout.
        await using var first = await OpenAsync(cs);
        await ScalarAsync(first, $"select pg_advisory_lock({MigrationLock})");

        var second = Migrator.MigrateAsync(cs);
        await Task.Delay(TimeSpan.FromSeconds(35));
        second.IsCompleted.ShouldBeFalse(second.Exception?.GetBaseException().Message ?? "it gave up or finished while the lock was held");

        await ScalarAsync(first, $"select pg_advisory_unlock({MigrationLock})");
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeEmpty("everything was already applied");
    }

    [Fact]
    public async Task A_migration_blocked_by_a_long_query_gives_up_clearly_without_freezing_readers_and_applies_once_it_is_gone()
    {
        var cs = await TestDatabase.CreateAsync();
        (string, string)[] probe = [("9999_probe", "alter table trainees add column probe integer")];
        var options = new Migrator.Options(TimeSpan.FromSeconds(1), 3, TimeSpan.FromMilliseconds(300));

        // A report that has been reading trainees for a while, its transaction still open.
        await using var report = await OpenAsync(cs);
        await using var tx = await report.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("select count(*) from trainees", report, tx)) await cmd.ExecuteScalarAsync();

        var migration = Migrator.MigrateAsync(cs, probe, options);
        await Task.Delay(200);
        // A page reading trainees meanwhile: without a lock timeout it would queue behind the waiting ALTER until the
        // report ends. With it, the reader waits at most one lock timeout.
        await using (var reader = await OpenAsync(cs))
        {
            var clock = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand("set statement_timeout = '8s'; select count(*) from trainees", reader);
            await cmd.ExecuteScalarAsync();
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        }

        var e = await Should.ThrowAsync<MigrationBlockedException>(() => migration.WaitAsync(TimeSpan.FromSeconds(30)));
        e.Message.ShouldContain("Migration 9999_probe could not lock the tables");
        e.Message.ShouldContain("pg_stat_activity");
        await using (var check = await OpenAsync(cs))
        {
            (await ScalarAsync(check, "select count(*) from schema_migrations where version = '9999_probe'")).ShouldBe(0L);
            (await ScalarAsync(check, "select count(*) from information_schema.columns where table_name = 'trainees' and column_name = 'probe'")).ShouldBe(0L);
        }

        await tx.CommitAsync();
        (await Migrator.MigrateAsync(cs, probe, options)).ShouldBe(["9999_probe"]);
    }
}
