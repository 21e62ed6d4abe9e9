using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Sends due outbox messages. Rows are claimed with FOR UPDATE SKIP LOCKED and leased for ten minutes, so several
/// schedulers never send one message twice, and a crash mid-send only delays it until the lease runs out.
/// This is the sweeper: every pending row is picked up, whatever wrote it.
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, EmailSender sender, IOptions<MailSettings> options,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<(int Sent, int Failed)> DispatchDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Database.SqlQuery<long>($"""
            update email_outbox set status = 'Sending', next_attempt_at = {now.AddMinutes(10)}
            where id in (select id from email_outbox
                         where status in ('Pending', 'Sending') and next_attempt_at <= {now}
                         order by next_attempt_at limit {settings.BatchSize}
                         for update skip locked)
            returning id as "Value"
            """).ToListAsync(ct);
        int sent = 0, failed = 0;
        foreach (var id in ids)
        {
            var message = await db.OutboxMessages.Include(m => m.Attachments).SingleAsync(m => m.Id == id, ct);
            try
            {
                await sender.SendAsync(message, ct);
                message.RecordSent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException
                                           or System.Net.Sockets.SocketException or FormatException)
            {
                // Keep the SMTP reply code: "450 …" tells an admin more than the framework's sentence alone.
                var error = e is System.Net.Mail.SmtpException smtp ? $"{(int)smtp.StatusCode} {smtp.Message}" : e.Message;
                message.RecordFailure(error, clock.GetUtcNow().UtcDateTime, settings.MaxAttempts);
                failed++;
                logger.LogWarning("E-mail {MessageId} not sent (attempt {Attempt}): {Error}", message.Id, message.Attempts, error);
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return (sent, failed);
    }
}

/// <summary>Queues a message in the caller's unit of work: it is committed, or not, together with the change.</summary>
public static class EmailOutbox
{
    public static async Task<bool> QueueAsync(AppDbContext db, OutboxMessage message, CancellationToken ct = default)
    {
        if (db.OutboxMessages.Local.Any(m => m.DedupeKey == message.DedupeKey) ||
            await db.OutboxMessages.AnyAsync(m => m.DedupeKey == message.DedupeKey, ct))
            return false;
        db.OutboxMessages.Add(message);
        return true;
    }
}
