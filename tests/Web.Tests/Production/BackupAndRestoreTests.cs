using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Backup;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>
/// The daily backup job (pg_dump -Fc, checked, the last Backup:Keep kept, its result on /jobs) and the portal's
/// `restore --from FILE [--force]` command, run as an operator runs it: the published program in its own process.
/// </summary>
public class BackupAndRestoreTests : IAsyncLifetime
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "pp-backups-" + Guid.NewGuid().ToString("N")[..10]);
    private string _cs = null!;

    public async Task InitializeAsync() => _cs = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        try { Directory.Delete(_backups, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private PortalFactory App(string cs, bool jobs = false) => new(cs, new Dictionary<string, string?>
    {
        ["Jobs:Server"] = jobs ? "true" : "false",
        ["Backup:Directory"] = _backups,
        ["Backup:Keep"] = "2",
    });

    private static async Task<(int ExitCode, string Output)> RestoreCommandAsync(string cs, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PartnerPrograms.Web.dll"), "restore", .. args])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(PortalProcess.RepositoryRoot(), "Web"),
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["ConnectionStrings__Default"] = cs;
        psi.Environment["Pdpa__NationalIdKeys__1"] = TestKeys.NationalIdKey1;
        psi.Environment["Pdpa__CurrentKeyId"] = "1";
        psi.Environment["Pdpa__LookupKey"] = TestKeys.LookupKey;
        psi.Environment["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    private static async Task<List<string>> OrganisationsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select name_th from organizations order by name_th", conn);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    [Fact]
    public async Task The_daily_backup_keeps_the_last_N_dumps_each_checked_and_shows_its_result_on_the_job_dashboard()
    {
        await using var app = App(_cs, jobs: true);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ");
        var storage = app.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var recurring = connection.GetRecurringJobs();
            // Hangfire 1.8 keeps the queue on the job itself (the recurring job's own Queue field stays "default").
            recurring.ShouldContain(j => j.Id == RecurringJobs.DatabaseBackup && j.Job.Queue == JobQueues.Backup,
                string.Join(", ", recurring.Select(j => $"{j.Id} on {j.Job?.Queue ?? j.Queue}")));
        }

        // Three runs (as on three days): the dashboard's "trigger now", each run waited for.
        for (var run = 1; run <= 3; run++)
        {
            app.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobs.DatabaseBackup);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (SucceededBackups(storage).Count < run && DateTime.UtcNow < deadline) await Task.Delay(250);
            SucceededBackups(storage).Count.ShouldBe(run, $"backup run {run}");
        }

        var dumps = Directory.GetFiles(_backups, "*.dump").Order(StringComparer.Ordinal).ToList();
        dumps.Count.ShouldBe(2, "Backup:Keep=2 keeps the last two");
        Directory.GetFiles(_backups).Length.ShouldBe(2, "nothing else left behind");
        var newest = SucceededBackups(storage).OrderByDescending(j => j.Value.SucceededAt).First();
        var result = (string)newest.Value.Result!;
        result.ShouldContain(Path.GetFileName(dumps[^1]));
        result.ShouldContain("entries read back by pg_restore --list");
        result.ShouldContain("1 older removed");
        // Run by the backup queue's own server, which only instances that take backups have.
        storage.GetMonitoringApi().JobDetails(newest.Key).History
            .ShouldContain(h => h.StateName == "Processing" && h.Data["ServerId"].Contains(":backup:", StringComparison.Ordinal));
        foreach (var dump in dumps)
        {
            File.GetUnixFileMode(dump).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "dumps hold personal data");
            (await DatabaseBackup.CheckAsync(Path.Combine(EmbeddedPostgres.FindBinDirectory()!, "pg_restore"), dump, CancellationToken.None)).ShouldBeGreaterThan(100);
        }

        var admin = await app.SignedInClientAsync("admin@example.org");
        (await admin.GetDocumentAsync("/jobs/recurring")).Body!.TextContent.ShouldContain(RecurringJobs.DatabaseBackup);
        (await admin.GetDocumentAsync("/jobs/jobs/succeeded")).Body!.TextContent.ShouldContain("Back up the database");
        (await admin.GetDocumentAsync($"/jobs/jobs/details/{newest.Key}")).Body!.TextContent.ShouldContain(Path.GetFileName(dumps[^1]));
    }

    private static List<KeyValuePair<string, Hangfire.Storage.Monitoring.SucceededJobDto>> SucceededBackups(JobStorage storage) =>
        storage.GetMonitoringApi().SucceededJobs(0, 100).Where(j => j.Value.Job?.Type == typeof(DatabaseBackupJob)).ToList();

    [Fact]
    public async Task Back_up_change_restore_and_the_data_is_back_a_non_empty_database_only_with_force()
    {
        string dump;
        await using (var app = App(_cs))
        {
            await app.CreateUserAsync("staff@example.org", Roles.Staff);
            await app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ");
            var line = await app.Services.GetRequiredService<DatabaseBackup>().RunAsync(CancellationToken.None);
            dump = Directory.GetFiles(_backups, "*.dump").Single();
            line.ShouldStartWith(Path.GetFileName(dump));
            // The data changes after the backup.
            await app.CreateOrganizationAsync("ธนาคารออมสิน");
            await app.DbAsync(db => db.Organizations.Where(o => o.NameTh == "มูลนิธิสัมมาชีพ").ExecuteUpdateAsync(u => u.SetProperty(o => o.NameTh, "ชื่อที่แก้ภายหลัง")));
        }
        NpgsqlConnection.ClearAllPools();
        var changed = await OrganisationsAsync(_cs);
        changed.ShouldBe(["ชื่อที่แก้ภายหลัง", "ธนาคารออมสิน"], ignoreOrder: true);

        // Refused: no --force on a database that holds data; a file that is no backup; a missing file. Nothing changes.
        var refused = await RestoreCommandAsync(_cs, "--from", dump);
        refused.ExitCode.ShouldBe(1, refused.Output);
        refused.Output.ShouldContain("is not empty");
        refused.Output.ShouldContain("--force");
        var notABackup = await RestoreCommandAsync(_cs, "--from", Path.Combine(PortalProcess.RepositoryRoot(), "README.md"), "--force");
        notABackup.ExitCode.ShouldBe(1, notABackup.Output);
        notABackup.Output.ShouldContain("is not a backup");
        var missing = await RestoreCommandAsync(_cs, "--from", dump + ".nothere");
        missing.ExitCode.ShouldBe(1, missing.Output);
        missing.Output.ShouldContain("There is no file");
        (await OrganisationsAsync(_cs)).ShouldBe(changed, ignoreOrder: true);

        // With --force: the database is what the backup holds, and the portal starts on it.
        var restored = await RestoreCommandAsync(_cs, "--from", dump, "--force");
        restored.ExitCode.ShouldBe(0, restored.Output);
        restored.Output.ShouldContain("Restored");
        (await OrganisationsAsync(_cs)).ShouldBe(["มูลนิธิสัมมาชีพ"]);
        await using (var app = App(_cs))
        {
            (await app.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await (await app.SignedInClientAsync("staff@example.org")).GetAsync("/Partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        NpgsqlConnection.ClearAllPools();

        // Disaster recovery: into a new, empty database (no --force needed).
        var server = await TestDatabase.ServerAsync();
        var fresh = "pp_restore_" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateDatabaseAsync(fresh);
        var intoEmpty = await RestoreCommandAsync(server.ConnectionString(fresh), "--from", dump);
        intoEmpty.ExitCode.ShouldBe(0, intoEmpty.Output);
        (await OrganisationsAsync(server.ConnectionString(fresh))).ShouldBe(["มูลนิธิสัมมาชีพ"]);
    }
}
