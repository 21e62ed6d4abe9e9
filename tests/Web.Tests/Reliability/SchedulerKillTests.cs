using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Tests.Certificates;
using Quartz;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Reliability;

/// <summary>
/// The scheduler's process is SIGKILLed in the middle of a bulk certificate issue and started again: the recovered
/// job finishes, every completed enrolment has exactly one valid certificate and its holder one e-mail.
/// The portal runs as a real process (the built Web dll); this test's in-process app only sets up data.
/// </summary>
public class SchedulerKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Completed = 250; // five print chunks of 50: long enough to be caught half-way
    private PortalFactory _app = null!;
    private PortalProcess _portal = null!;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pp-kill-" + Guid.NewGuid().ToString("N")[..10]);

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        // Quick failure detection so the restarted instance recovers the dead one's job within seconds.
        _portal = new PortalProcess(_app.ConnectionString, _work, new Dictionary<string, string>
        {
            ["Jobs__CheckinSeconds"] = "2", ["Jobs__CheckinMisfireSeconds"] = "4",
        });
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
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
    public async Task A_bulk_issue_killed_half_way_completes_after_restart_with_one_certificate_and_one_email_each()
    {
        var data = await _app.ClosedCohortAsync(completed: Completed, notCompleted: 3);
        var cohort = data.Cohort.Id;
        await _portal.StartAsync();

        // As the page does: a batch row, then the one-off job (job data: the batch id) in the clustered store.
        var batchId = await _app.InScopeAsync(async sp =>
        {
            var batch = await sp.GetRequiredService<CertificateIssuer>().CreateBatchAsync(cohort, [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ")]);
            await IssueCertificatesJob.ScheduleAsync(sp.GetRequiredService<ISchedulerFactory>(), batch.Id);
            return batch.Id;
        });

        long issuedAtKill = 0;
        for (var i = 0; i < 1200; i++)
        {
            issuedAtKill = await ScalarAsync("select count(*) from certificates where cohort_id = @c", ("c", cohort));
            if (issuedAtKill > 0) break;
            await Task.Delay(100);
        }
        issuedAtKill.ShouldBeGreaterThan(0, "the job started issuing");
        await _portal.KillAsync();
        issuedAtKill = await ScalarAsync("select count(*) from certificates where cohort_id = @c", ("c", cohort));
        var mailsAtKill = await ScalarAsync("select count(*) from reminder_log where kind = 'CertificateIssued'");
        output.WriteLine($"killed with {issuedAtKill} of {Completed} certificates stored and {mailsAtKill} e-mails queued");
        issuedAtKill.ShouldBeLessThan(Completed, "the kill came before the end (else this test proves nothing)");
        (await ScalarAsync("select count(*) from certificate_batches where id = @b and status = 'Running'", ("b", batchId))).ShouldBe(1L);

        var restarted = DateTime.UtcNow;
        await _portal.StartAsync();
        var done = false;
        for (var i = 0; i < 360 && !done; i++)
        {
            done = await ScalarAsync("select count(*) from certificate_batches where id = @b and status = 'Done'", ("b", batchId)) == 1;
            if (!done) await Task.Delay(500);
        }
        done.ShouldBeTrue($"the recovered job finished the batch (log: {_portal.LogFile})");
        output.WriteLine($"batch done {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the restart");

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
        Directory.GetFiles(_portal.MailDirectory, "*.eml").Length.ShouldBe(Completed);
    }
}
