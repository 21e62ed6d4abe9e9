using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Jobs.Privacy;

/// <summary>
/// Deletes what has outlived its period (<see cref="RetentionSettings"/>): sent and failed e-mails with their
/// attachments, reminder-log rows no longer needed for de-duplication, reveal/export audit entries, and .eml files in
/// the pickup folder. Pending mail is never touched. In batches, each its own transaction; running it again deletes
/// nothing more. Hangfire's own job history needs nothing here: it expires succeeded and deleted jobs by itself
/// (after a day), and a failed job stays until an admin retries or deletes it (ids only, messages redacted).
/// </summary>
public sealed class RetentionPurge(AppDbContext db, IOptions<RetentionSettings> retention, IOptions<MailSettings> mail, TimeProvider clock,
    ILogger<RetentionPurge> logger)
{
    private const int BatchSize = 5000;

    public async Task<RetentionResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var periods = retention.Value;
        var sent = await MailAsync(OutboxStatus.Sent, RetentionSettings.Cutoff(now, periods.SentMailDays), ct);
        var failed = await MailAsync(OutboxStatus.Failed, RetentionSettings.Cutoff(now, periods.FailedMailDays), ct);

        var settings = await SettingsStore.LoadAsync(db, ct);
        var logCutoff = RetentionSettings.Cutoff(now, periods.ReminderLogDaysNeeded(settings.ActionDueLeadDays.Concat(settings.MouTermLeadDays)));
        var log = 0;
        if (logCutoff is { } before)
        {
            // A "certificate issued" row stays while its certificate is valid: the issue job's catch-up looks for it,
            // and without it would mail the holder again.
            var certificateIssued = nameof(ReminderKind.CertificateIssued);
            log = await InBatchesAsync(() => db.Database.ExecuteSqlInterpolatedAsync($"""
                delete from reminder_log where id in (
                  select r.id from reminder_log r where r.created_at < {before}
                    and not (r.kind = {certificateIssued} and exists (select 1 from certificates c where c.code = r.occurrence_key and c.status = 'Valid'))
                  limit {BatchSize})
                """, ct));
        }

        var audit = 0;
        if (RetentionSettings.Cutoff(now, periods.PersonalDataAuditDays) is { } auditBefore)
        {
            var erase = nameof(PersonalDataAction.Erase);
            audit = await InBatchesAsync(() => db.Database.ExecuteSqlInterpolatedAsync($"""
                delete from personal_data_audit where id in (
                  select id from personal_data_audit where at < {auditBefore} and action <> {erase} limit {BatchSize})
                """, ct));
        }

        var files = PickupFiles(RetentionSettings.Cutoff(now, periods.SentMailDays));
        var result = new RetentionResult(sent, failed, log, audit, files);
        if (result.Total > 0)
            logger.LogInformation(
                "Retention purge: {Sent} sent and {Failed} failed e-mails, {Log} reminder-log rows, {Audit} audit entries, " +
                "{Files} .eml files deleted",
                sent, failed, log, audit, files);
        return result;
    }

    /// <summary>Messages of a status created before the cutoff, with their attachments (cascade); the reminder log forgets their ids.</summary>
    private async Task<int> MailAsync(OutboxStatus status, DateTime? cutoff, CancellationToken ct)
    {
        if (cutoff is not { } before) return 0;
        var text = status.ToString();
        // Not composed (ToListAsync, not SingleAsync): PostgreSQL allows a data-modifying WITH only at the top level.
        return await InBatchesAsync(async () => (await db.Database.SqlQuery<int>($"""
            with gone as (
                delete from email_outbox where id in (select id from email_outbox where status = {text} and created_at < {before} limit {BatchSize})
                returning id),
              unlinked as (update reminder_log set outbox_message_id = null where outbox_message_id in (select id from gone))
            select count(*)::int as "Value" from gone
            """).ToListAsync(ct))[0]);
    }

    private static async Task<int> InBatchesAsync(Func<Task<int>> batch)
    {
        var total = 0;
        int n;
        while ((n = await batch()) > 0) total += n;
        return total;
    }

    /// <summary>.eml files written without an SMTP relay (Mail:PickupDirectory) are sent mail too.</summary>
    private int PickupFiles(DateTime? cutoff)
    {
        if (cutoff is not { } before) return 0;
        var dir = Path.GetFullPath(mail.Value.PickupDirectory);
        if (!Directory.Exists(dir)) return 0;
        var n = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*.eml"))
        {
            if (File.GetLastWriteTimeUtc(file) >= before) continue;
            try { File.Delete(file); n++; }
            catch (IOException e) { logger.LogWarning("Could not delete {File}: {Error}", Path.GetFileName(file), e.Message); }
        }
        return n;
    }
}
