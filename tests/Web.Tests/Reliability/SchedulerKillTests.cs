using System.Security.Cryptography;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Tests.Certificates;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Reliability;

/// <summary>
/// Two portal processes run job servers on one database. The one running a bulk certificate issue is SIGKILLed half
/// way: the other takes the job over once its lease runs out (Jobs:InvisibilitySeconds, renewed while a job runs),
/// finishes it, and every completed enrolment has exactly one valid certificate and its holder one e-mail.
/// The portals run as real processes (the built Web dll); this test's in-process app only sets up data.
/// </summary>
public class SchedulerKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Completed = 250; // five print chunks of 50: long enough to be caught half-way
    private PortalFactory _app = null!;
    private PortalProcess _portal = null!;
    private PortalProcess _other = null!;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pp-kill-" + Guid.NewGuid().ToString("N")[..10]);

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        // The production defaults (a 30-second lease): the takeover time printed below is what an operator gets.
        _portal = new PortalProcess(_app.ConnectionString, Path.Combine(_work, "a"));
        _other = new PortalProcess(_app.ConnectionString, Path.Combine(_work, "b"));
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _other.DisposeAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_SIGTERM_during_a_bulk_issue_lets_the_running_job_finish_before_the_process_exits()
    {
        var data = await _app.ClosedCohortAsync(completed: 100, notCompleted: 0);
        await _portal.StartAsync();
        var batchId = await _app.InScopeAsync(async sp => (await IssueCertificatesJob.StartAsync(sp.GetRequiredService<CertificateIssuer>(),
            sp.GetRequiredService<IBackgroundJobClient>(), TimeProvider.System, data.Cohort.Id, null)).Batch.Id);
        long issued = 0;
        for (var i = 0; i < 1200 && issued == 0; i++)
        {
            issued = await ScalarAsync("select count(*) from certificates where cohort_id = @c", ("c", data.Cohort.Id));
            if (issued == 0) await Task.Delay(100);
        }
        issued.ShouldBeInRange(1, 99, "the job is under way");

        var stopping = DateTime.UtcNow;
        var exitedByItself = await _portal.StopAsync(); // SIGTERM, then waits for the exit
        output.WriteLine($"SIGTERM with {issued} of 100 issued; the process exited {(DateTime.UtcNow - stopping).TotalSeconds:F1} s later");
        exitedByItself.ShouldBeTrue($"the process exited by itself (log: {_portal.LogFile})");
        (await ScalarAsync("select count(*) from certificate_batches where id = @b and status = 'Done'", ("b", batchId)))
            .ShouldBe(1L, $"the running job finished before the exit (log: {_portal.LogFile})");
        (await ScalarAsync("select count(*) from certificates where cohort_id = @c and status = 'Valid'", ("c", data.Cohort.Id))).ShouldBe(100L);
    }

    /// <summary>The server that last took the job (its id holds the process id: see JobsSetup) and since when.</summary>
    private async Task<(string Server, DateTime At)?> ProcessingAsync(string jobId)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select data::json ->> 'ServerId', createdat from hangfire.state
            where jobid = @j and name = 'Processing' order by id desc limit 1
            """, conn);
        cmd.Parameters.AddWithValue("j", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetDateTime(1)) : null;
    }

    [Fact]
    public async Task A_bulk_issue_whose_server_is_killed_half_way_is_finished_by_the_other_with_one_certificate_and_one_email_each()
    {
        var data = await _app.ClosedCohortAsync(completed: Completed, notCompleted: 3);
        var cohort = data.Cohort.Id;
        await Task.WhenAll(_portal.StartAsync(), _other.StartAsync());

        // As the page does: a batch row, then the one-off job (its argument: the batch id) on the PDF queue.
        var batchId = await _app.InScopeAsync(async sp =>
        {
            var (batch, started) = await IssueCertificatesJob.StartAsync(sp.GetRequiredService<CertificateIssuer>(), sp.GetRequiredService<IBackgroundJobClient>(),
                TimeProvider.System, cohort, [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ")]);
            started.ShouldBeTrue();
            return batch.Id;
        });
        var jobId = (await ScalarAsync("select max(id) from hangfire.job")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        long issuedAtKill = 0;
        for (var i = 0; i < 1200; i++)
        {
            issuedAtKill = await ScalarAsync("select count(*) from certificates where cohort_id = @c", ("c", cohort));
            if (issuedAtKill > 0) break;
            await Task.Delay(100);
        }
        issuedAtKill.ShouldBeGreaterThan(0, "the job started issuing");
        var first = (await ProcessingAsync(jobId)).ShouldNotBeNull();
        var (victim, survivor) = first.Server.Contains($":{_portal.ProcessId}:", StringComparison.Ordinal) ? (_portal, _other) : (_other, _portal);
        first.Server.ShouldContain($":{victim.ProcessId}:");
        await victim.KillAsync();
        var killedAt = DateTime.UtcNow;
        issuedAtKill = await ScalarAsync("select count(*) from certificates where cohort_id = @c", ("c", cohort));
        var mailsAtKill = await ScalarAsync("select count(*) from reminder_log where kind = 'CertificateIssued'");
        output.WriteLine($"killed the running server with {issuedAtKill} of {Completed} certificates stored and {mailsAtKill} e-mails queued");
        issuedAtKill.ShouldBeLessThan(Completed, "the kill came before the end (else this test proves nothing)");
        (await ScalarAsync("select count(*) from certificate_batches where id = @b and status = 'Running'", ("b", batchId))).ShouldBe(1L);

        // The survivor takes the job over once the dead server's lease has run out.
        (string Server, DateTime At)? takeover = null;
        for (var i = 0; i < 240; i++)
        {
            takeover = await ProcessingAsync(jobId);
            if (takeover?.Server != first.Server) break;
            await Task.Delay(500);
        }
        takeover.ShouldNotBeNull();
        takeover.Value.Server.ShouldContain($":{survivor.ProcessId}:", Case.Sensitive, $"the other instance took the job (log: {survivor.LogFile})");
        output.WriteLine($"takeover: the other server started the job {(takeover.Value.At - killedAt).TotalSeconds:F1} s after the kill");
        var done = false;
        for (var i = 0; i < 360 && !done; i++)
        {
            done = await ScalarAsync("select count(*) from certificate_batches where id = @b and status = 'Done'", ("b", batchId)) == 1;
            if (!done) await Task.Delay(500);
        }
        done.ShouldBeTrue($"the taken-over job finished the batch (log: {survivor.LogFile})");
        output.WriteLine($"batch done {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill");

        // Exactly one valid certificate per completed enrolment, none for the others; every stored PDF matches its hash.
        (await ScalarAsync("select count(*) from certificates where cohort_id = @c and status = 'Valid'", ("c", cohort))).ShouldBe(Completed);
        (await ScalarAsync("select count(distinct enrollment_id) from certificates where cohort_id = @c", ("c", cohort))).ShouldBe(Completed);
        (await ScalarAsync("""
            select count(*) from enrollments e where e.cohort_id = @c and e.completed
              and (select count(*) from certificates x where x.enrollment_id = e.id) <> 1
            """, ("c", cohort))).ShouldBe(0L);
        await using (var conn = new NpgsqlConnection(_app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select pdf, pdf_sha256 from certificates where cohort_id = @c", conn);
            cmd.Parameters.AddWithValue("c", cohort);
            await using var reader = await cmd.ExecuteReaderAsync();
            var checkedPdfs = 0;
            while (await reader.ReadAsync())
            {
                var pdf = (byte[])reader[0];
                Convert.ToHexStringLower(SHA256.HashData(pdf)).ShouldBe(reader.GetString(1));
                checkedPdfs++;
            }
            checkedPdfs.ShouldBe(Completed);
        }

        // One "certificate issued" e-mail per holder: logged once per code, queued once per address.
        (await ScalarAsync("select count(*) from reminder_log where kind = 'CertificateIssued'")).ShouldBe(Completed);
        (await ScalarAsync("""
            select count(*) from certificates c
            where c.cohort_id = @c and (select count(*) from reminder_log r where r.kind = 'CertificateIssued' and r.occurrence_key = c.code) <> 1
            """, ("c", cohort))).ShouldBe(0L);
        (await ScalarAsync("select count(*) from email_outbox where dedupe_key like 'reminder:CertificateIssued:%'")).ShouldBe(Completed);
        (await ScalarAsync("""
            select count(*) from (select "to" from email_outbox where dedupe_key like 'reminder:CertificateIssued:%' group by "to" having count(*) > 1) d
            """)).ShouldBe(0L);

        // And they go out: one file per holder in the pickup folder.
        var sent = 0L;
        for (var i = 0; i < 120 && sent < Completed; i++)
        {
            sent = await ScalarAsync("select count(*) from email_outbox where dedupe_key like 'reminder:CertificateIssued:%' and status = 'Sent'");
            if (sent < Completed) await Task.Delay(1000);
        }
        sent.ShouldBe(Completed);
        static int Files(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*.eml").Length : 0;
        (Files(_portal.MailDirectory) + Files(_other.MailDirectory)).ShouldBe(Completed);
    }
}
