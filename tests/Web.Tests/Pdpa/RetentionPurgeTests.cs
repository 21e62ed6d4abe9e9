using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Jobs.Privacy;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Certificates;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>
/// The daily retention purge deletes sent and failed mail (with attachments), reminder-log rows and reveal/export audit
/// entries past their periods, and .eml files in the pickup folder; it keeps everything recent, pending mail, erasure
/// audit entries and the "certificate issued" log of valid certificates; a second run deletes nothing.
/// </summary>
public class RetentionPurgeTests
{
    private static async Task<long> ScalarAsync(string cs, string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<long> MailAsync(string cs, string key, OutboxStatus status, int daysAgo) => ScalarAsync(cs, """
        insert into email_outbox (dedupe_key, "to", subject, html_body, text_body, language, status, attempts, next_attempt_at, created_at)
        values ($1, 'someone@example.org', 's', 'h', 't', 'th', $2, 1, now(), now() - make_interval(days => $3)) returning id
        """, key, status.ToString(), daysAgo);

    private static Task<long> LogAsync(string cs, string kind, string occurrence, int daysAgo) => ScalarAsync(cs, """
        insert into reminder_log (kind, recipient_key, occurrence_key, created_at) values ($1, 'user:x', $2, now() - make_interval(days => $3)) returning id
        """, kind, occurrence, daysAgo);

    private static Task<long> AuditAsync(string cs, long traineeId, PersonalDataAction action, int daysAgo) => ScalarAsync(cs, """
        insert into personal_data_audit (at, user_name, action, trainee_id) values (now() - make_interval(days => $3), 'ผู้ดูแล', $2, $1) returning id
        """, traineeId, action.ToString(), daysAgo);

    [Fact]
    public async Task Old_mail_log_and_audit_rows_go_recent_and_needed_ones_stay_and_a_second_run_deletes_nothing()
    {
        await using var app = await PortalFactory.CreateAsync();
        var cs = app.ConnectionString;
        var data = await app.ClosedCohortAsync(completed: 1, notCompleted: 0);
        await app.IssueAllAsync(data.Cohort.Id);
        var validCode = (await app.CertificatesAsync(data.Cohort.Id)).Single().Code;
        await ScalarAsync(cs, "delete from email_outbox; delete from reminder_log"); // only the rows below

        var sentOld = await MailAsync(cs, "sent-old", OutboxStatus.Sent, 91);
        await ScalarAsync(cs, "insert into email_outbox_attachments (message_id, file_name, content_type, content) values ($1, 'c.pdf', 'application/pdf', '\\x25504446') returning id", sentOld);
        var sentRecent = await MailAsync(cs, "sent-recent", OutboxStatus.Sent, 89);
        var failedOld = await MailAsync(cs, "failed-old", OutboxStatus.Failed, 181);
        var failedRecent = await MailAsync(cs, "failed-recent", OutboxStatus.Failed, 100);
        var pendingOld = await MailAsync(cs, "pending-old", OutboxStatus.Pending, 1000);
        var logOld = await LogAsync(cs, "MouTermEnding", "mou:1:term:30", 401);
        var logRecent = await LogAsync(cs, "MouTermEnding", "mou:2:term:30", 399);
        var issuedValid = await LogAsync(cs, "CertificateIssued", validCode, 2000);
        var issuedGone = await LogAsync(cs, "CertificateIssued", "NO-SUCH-CODE", 2000);
        await ScalarAsync(cs, "update reminder_log set outbox_message_id = $1 where id = $2 returning id", sentOld, logRecent);
        var trainee = data.Trainees[0].Id;
        var revealOld = await AuditAsync(cs, trainee, PersonalDataAction.Reveal, 3651);
        var revealRecent = await AuditAsync(cs, trainee, PersonalDataAction.Export, 3000);
        var eraseOld = await AuditAsync(cs, trainee, PersonalDataAction.Erase, 5000);
        Directory.CreateDirectory(app.MailDirectory);
        var emlOld = Path.Combine(app.MailDirectory, "old.eml");
        var emlNew = Path.Combine(app.MailDirectory, "new.eml");
        await File.WriteAllTextAsync(emlOld, "To: someone@example.org");
        await File.WriteAllTextAsync(emlNew, "To: someone@example.org");
        File.SetLastWriteTimeUtc(emlOld, DateTime.UtcNow.AddDays(-91));

        var first = await app.InScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync());
        first.ShouldBe(new RetentionResult(SentMail: 1, FailedMail: 1, ReminderLog: 2, AuditEntries: 1, PickupFiles: 1));

        async Task<List<long>> IdsAsync(string table)
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"select id from {table} order by id", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            var ids = new List<long>();
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
            return ids;
        }
        (await IdsAsync("email_outbox")).ShouldBe([sentRecent, failedRecent, pendingOld]);
        (await ScalarAsync(cs, "select count(*) from email_outbox_attachments")).ShouldBe(0L, "the old message's certificate went with it");
        (await IdsAsync("reminder_log")).ShouldBe([logRecent, issuedValid]);
        (await ScalarAsync(cs, "select count(*) from reminder_log where outbox_message_id is not null")).ShouldBe(0L, "no link to a deleted message");
        (await IdsAsync("personal_data_audit")).ShouldBe([revealRecent, eraseOld]);
        File.Exists(emlOld).ShouldBeFalse();
        File.Exists(emlNew).ShouldBeTrue();
        _ = (sentOld, failedOld, logOld, issuedGone, revealOld);

        // Idempotent: the job again (as Hangfire runs it) finds nothing to delete.
        (await app.InScopeAsync(sp => ActivatorUtilities.CreateInstance<RetentionPurgeJob>(sp).RunAsync(CancellationToken.None))).ShouldBeNull();
        (await IdsAsync("email_outbox")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_purge_is_a_daily_recurring_job_in_Bangkok_time_and_the_periods_are_settings()
    {
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Retention:SentMailDays"] = "0", ["Retention:ReminderLogDays"] = "30" });
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Single(j => j.Id == RecurringJobs.RetentionPurge);
        (job.Cron, job.TimeZoneId).ShouldBe(("30 3 * * *", "Asia/Bangkok"));

        // 0 keeps sent mail for good; a reminder-log period shorter than the longest lead time (90 days by default) is raised to it.
        var cs = app.ConnectionString;
        await MailAsync(cs, "sent-ancient", OutboxStatus.Sent, 5000);
        var kept = await LogAsync(cs, "MouTermEnding", "mou:3:term:90", 100);
        await LogAsync(cs, "MouTermEnding", "mou:4:term:90", 130);
        var result = await app.InScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync());
        (result.SentMail, result.ReminderLog).ShouldBe((0, 1));
        (await ScalarAsync(cs, "select count(*) from email_outbox")).ShouldBe(1L);
        (await ScalarAsync(cs, "select id from reminder_log")).ShouldBe(kept);
    }
}
