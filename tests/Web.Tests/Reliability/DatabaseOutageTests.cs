using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped (as a crash: "immediate") and started again while the portal serves requests and its scheduler
/// runs. Its own server in its own folder: the shared test server must not go down under the other test classes.
/// </summary>
public class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pp-outage-" + Guid.NewGuid().ToString("N")[..10]);
    private EmbeddedPostgres _pg = null!;
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _pg = await EmbeddedPostgres.StartAsync(_dir, "pp_outage");
        await Migrator.MigrateAsync(_pg.ConnectionString("pp_outage"));
        // Short timeouts so requests during the outage fail in seconds, as a user would see.
        var cs = _pg.ConnectionString("pp_outage") + ";Timeout=3;Command Timeout=10";
        _app = new PortalFactory(cs, new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _pg.StopAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Stopped_and_restarted_the_database_loses_nothing_committed_and_leaves_nothing_half_written()
    {
        var foundation = await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation);
        var cdd = await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน");
        var api = await _app.ApiClientAsync("staff@example.org");
        var pages = await _app.SignedInClientAsync("staff@example.org");
        var anonymous = _app.CreateBrowserClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var n = 0;
        async Task<HttpResponseMessage> CreateMouAsync(string code) => await api.PostAsJsonAsync("/api/v1/mous", new
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

        var acknowledged = new ConcurrentBag<string>();
        for (var i = 0; i < 10; i++)
        {
            var code = $"MOU-OUT-{++n:D4}";
            (await CreateMouAsync(code)).StatusCode.ShouldBe(HttpStatusCode.Created);
            acknowledged.Add(code);
        }
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Writers keep going through the outage; a write counts only when the server said 201.
        using var stopWriters = new CancellationTokenSource();
        var failedWrites = 0;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            while (!stopWriters.IsCancellationRequested)
            {
                var code = $"MOU-OUT-{Interlocked.Increment(ref n):D4}";
                try
                {
                    var r = await CreateMouAsync(code);
                    if (r.StatusCode == HttpStatusCode.Created) acknowledged.Add(code);
                    else { Interlocked.Increment(ref failedWrites); await Task.Delay(200); }
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failedWrites); }
            }
        })).ToList();

        // Mail queued just after a dispatcher run (every 20 s): the next run falls in the outage and fails.
        while (DateTime.UtcNow.Second % 20 is not (1 or 2)) await Task.Delay(200);
        await _app.DbAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
                db.OutboxMessages.Add(new OutboxMessage { DedupeKey = $"outage-{i}", To = $"person{i}@example.org", Subject = $"ทดสอบ {i}", HtmlBody = "<p>ทดสอบ</p>", TextBody = "ทดสอบ" });
            return await db.SaveChangesAsync();
        });
        await Task.Delay(1000);
        var beforeStop = acknowledged.Count;

        await _pg.KillServerAsync(immediate: true);
        var stoppedAt = DateTime.UtcNow;
        output.WriteLine($"stopped PostgreSQL after {beforeStop} acknowledged writes");

        var health = await anonymous.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).ShouldBe("{\"status\":\"unhealthy\"}", "anonymous callers learn only that it is down");

        var page = await pages.GetAsync("/Mous");
        var pageHtml = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, pageHtml);
        pageHtml.ShouldContain("ระบบขัดข้องชั่วคราว");
        pageHtml.ShouldContain("data-testid=\"correlation-id\"");
        foreach (var leak in new[] { "Npgsql", "   at ", "Exception", "127.0.0.1", _pg.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            pageHtml.ShouldNotContain(leak);

        var apiDown = await api.GetAsync("/api/v1/mous");
        apiDown.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        apiDown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        apiDown.Headers.RetryAfter.ShouldNotBeNull();
        var problem = await apiDown.Content.ReadAsStringAsync();
        problem.ShouldNotContain("Npgsql");
        problem.ShouldNotContain("   at ");
        JsonDocument.Parse(problem).RootElement.GetProperty("status").GetInt32().ShouldBe(503);

        // Down past a dispatcher run, then back on the same port.
        while (DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(25)) await Task.Delay(500);
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await _pg.RestartOnSamePortAsync();
        var restartedAt = DateTime.UtcNow;

        var healthy = false;
        for (var i = 0; i < 60 && !healthy; i++)
        {
            healthy = (await anonymous.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            if (!healthy) await Task.Delay(500);
        }
        healthy.ShouldBeTrue("/health is 200 again after the restart");
        output.WriteLine($"/health 200 {(DateTime.UtcNow - restartedAt).TotalSeconds:F1} s after the restart");

        // Pages and the API answer again (the first use of a pooled connection the crash broke may fail once).
        var ok = 0;
        for (var i = 0; i < 40 && ok < 5; i++)
        {
            var r = await pages.GetAsync("/Mous");
            ok = r.StatusCode == HttpStatusCode.OK ? ok + 1 : 0;
            if (ok == 0) await Task.Delay(250);
        }
        ok.ShouldBe(5, "five page requests in a row succeed after the restart");
        (await api.GetAsync("/api/v1/mous")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(3000); // writers succeed again for a while
        await stopWriters.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"acknowledged writes {acknowledged.Count}, failed or refused {failedWrites}");
        acknowledged.Count.ShouldBeGreaterThan(beforeStop, "writes succeed after the restart");
        failedWrites.ShouldBeGreaterThan(0, "writes during the outage were refused");

        // Nothing acknowledged is lost; nothing is half-written: every MOU has both parties and its creation audit entry.
        // Not pooled: the test's own pool still holds connections the crash broke.
        await using var conn = new NpgsqlConnection(_pg.ConnectionString("pp_outage") + ";Pooling=false");
        await conn.OpenAsync();
        var stored = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("select code from mous", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        acknowledged.Where(c => !stored.Contains(c)).ShouldBeEmpty("every write the server acknowledged is in the database");
        await using (var cmd = new NpgsqlCommand("""
            select count(*) from mous m
            where (select count(*) from mou_parties p where p.mou_id = m.id) <> 2
               or not exists (select 1 from mou_audit a where a.mou_id = m.id and a.change like 'Created draft%')
            """, conn))
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0L, "no MOU without its parties or its audit entry");
        output.WriteLine($"MOUs stored {stored.Count} (acknowledged {acknowledged.Count}; the rest were refused or lost in flight, whole)");

        // The mail queued before the outage: the run during it failed, a later one sends each message once.
        var sent = 0;
        for (var i = 0; i < 90 && sent < 5; i++)
        {
            await Task.Delay(1000);
            await using var count = new NpgsqlCommand("select count(*) from email_outbox where dedupe_key like 'outage-%' and status = 'Sent'", conn);
            sent = (int)(long)(await count.ExecuteScalarAsync())!;
        }
        sent.ShouldBe(5);
        Directory.GetFiles(_app.MailDirectory, "*.eml").Length.ShouldBe(5);
        output.WriteLine($"5 queued e-mails sent {(DateTime.UtcNow - restartedAt).TotalSeconds:F1} s after the restart");
    }
}
