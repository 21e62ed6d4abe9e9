using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>
/// A single-host install (the portal runs its own PostgreSQL) whose postmaster is killed with SIGKILL while the API
/// takes writes: the portal restarts it by itself, every write it acknowledged is there, /health is 200 again.
/// </summary>
public class EmbeddedPostgresWatchdogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pp-watch-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly CapturedLogs _logs = new();
    private SingleHostFactory _app = null!;

    private sealed class SingleHostFactory(string dataDirectory, CapturedLogs logs) : PortalFactory("", new Dictionary<string, string?>
    {
        ["ConnectionStrings:Default"] = "",
        ["EmbeddedPostgres:Enabled"] = "true",
        ["EmbeddedPostgres:DataDirectory"] = dataDirectory,
        ["EmbeddedPostgres:Database"] = "pp_watch",
        ["EmbeddedPostgres:WatchSeconds"] = "0.5",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(logs));
        }
    }

    public async Task InitializeAsync()
    {
        _app = new SingleHostFactory(Path.Combine(_work, "pg"), _logs);
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Killed_under_write_load_the_embedded_server_comes_back_by_itself_with_every_acknowledged_write()
    {
        var server = _app.Services.GetRequiredService<PortalDatabase>().Embedded!;
        var foundation = await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation);
        var cdd = await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน");
        var api = await _app.ApiClientAsync("staff@example.org");
        var anonymous = _app.CreateBrowserClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var n = 0;
        Task<HttpResponseMessage> CreateMouAsync(string code) => api.PostAsJsonAsync("/api/v1/mous", new
        {
            code,
            title = "ความร่วมมือพัฒนาอาชีพชุมชน " + code,
            startDate = today,
            endDate = today.AddYears(2),
            parties = new[]
            {
                new { organizationId = foundation.Id, signatoryName = "นายสมชาย ใจดี" },
                new { organizationId = cdd.Id, signatoryName = "นางสาวญาณี ปิ่นแก้วฟ้า" },
            },
        });
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Writers: a write counts only when the API said 201.
        var acknowledged = new ConcurrentBag<string>();
        var failed = 0;
        using var stopWriters = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stopWriters.IsCancellationRequested)
            {
                var code = $"MOU-KILL-{Interlocked.Increment(ref n):D4}";
                try
                {
                    var r = await CreateMouAsync(code);
                    if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add(code);
                    else { Interlocked.Increment(ref failed); await Task.Delay(100); }
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
            }
        })).ToList();
        while (acknowledged.Count < 20) await Task.Delay(100);

        var pid = server.PostmasterPid!.Value;
        using (var postmaster = Process.GetProcessById(pid)) postmaster.Kill(); // SIGKILL: no shutdown, no checkpoint
        var killedAt = DateTime.UtcNow;
        var beforeKill = acknowledged.Count;
        output.WriteLine($"kill -9 of postmaster {pid} after {beforeKill} acknowledged writes");

        // Back by itself: a new postmaster (nothing but the portal starts one here), then /health 200 again, without
        // restarting the portal. (Right after the kill a pooled connection may still reach an orphaned backend, so
        // /health alone would not prove the server is back.)
        while ((server.PostmasterPid is not { } restarted || restarted == pid) && DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(90))
            await Task.Delay(100);
        server.PostmasterPid.ShouldNotBeNull("the portal started the server again");
        server.PostmasterPid.ShouldNotBe(pid);
        output.WriteLine($"new postmaster {server.PostmasterPid} {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill");
        var healthy = false;
        while (!healthy && DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(120))
        {
            try { healthy = (await anonymous.GetAsync("/health")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { }
            if (!healthy) await Task.Delay(200);
        }
        healthy.ShouldBeTrue("/health answers 200 again by itself");
        output.WriteLine($"/health 200 again {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill");

        // Writes are acknowledged again, then the writers stop.
        var afterRecovery = acknowledged.Count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acknowledged.Count < afterRecovery + 10 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await stopWriters.CancelAsync();
        await Task.WhenAll(writers);
        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(afterRecovery + 10, "writes succeed again after the restart");
        output.WriteLine($"acknowledged {acknowledged.Count}, failed or refused {failed}");

        // Every acknowledged write survived the crash (WAL recovery), and each MOU is whole.
        await using var conn = new NpgsqlConnection(server.ConnectionString("pp_watch") + ";Pooling=false");
        await conn.OpenAsync();
        var stored = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("select code from mous", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        acknowledged.Where(c => !stored.Contains(c)).ShouldBeEmpty("every write the API acknowledged is in the database");
        await using (var cmd = new NpgsqlCommand("select count(*) from mous m where (select count(*) from mou_parties p where p.mou_id = m.id) <> 2", conn))
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0L);

        // And it said so in the log.
        var watchdog = _logs.Entries.Where(e => e.Category == typeof(EmbeddedPostgresWatchdog).FullName).Select(e => e.Message).ToList();
        watchdog.ShouldContain(m => m.Contains("is not running; restarting it on port " + server.Port, StringComparison.Ordinal));
        watchdog.ShouldContain(m => m.Contains("is running again", StringComparison.Ordinal));
    }
}
