using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Sends due outbox messages, one at a time: each row is claimed (FOR UPDATE SKIP LOCKED, LIMIT 1) and leased just
/// before it is sent and its result saved right after, so another scheduler never takes a message this one is still
/// on, and a crash mid-send only delays that one message until its lease runs out. This is the sweeper: every due
/// Pending row, and every Sending row whose lease ran out, is picked up, whatever wrote it.
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, EmailSender sender, IOptions<MailSettings> options,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Longer than connecting, authenticating and sending one message can take, each within its time limit.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task<(int Sent, int Failed)> DispatchDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        int sent = 0, failed = 0;
        await using var batch = sender.StartBatch();
        for (var i = 0; i < settings.BatchSize; i++)
        {
            if (await ClaimNextAsync(ct) is not { } id) break;
            var message = await db.OutboxMessages.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, ct);
            if (message is null) continue; // deleted since the claim (an erasure)
            try
            {
                await batch.SendAsync(message, ct);
                message.RecordSent(Now);
                sent++;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down: hand the message back rather than leave it leased.
                message.RecordFailure("Sending was interrupted: the sender stopped.", Now, settings.MaxAttempts);
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                var (permanent, error) = Describe(e);
                if (permanent) message.RecordPermanentFailure(error, Now);
                else message.RecordFailure(error, Now, settings.MaxAttempts);
                failed++;
                logger.LogWarning("E-mail {MessageId} not sent (attempt {Attempt}, {Outcome}): {Error}", message.Id, message.Attempts,
                    message.Status == OutboxStatus.Failed ? "failed" : "will retry", error);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        return (sent, failed);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Takes the next due message and leases it, in one statement that commits before the send starts.</summary>
    private async Task<long?> ClaimNextAsync(CancellationToken ct)
    {
        var now = Now;
        var ids = await db.Database.SqlQuery<long>($"""
            update email_outbox set status = 'Sending', next_attempt_at = {now + Lease}
            where id = (select id from email_outbox
                        where status in ('Pending', 'Sending') and next_attempt_at <= {now}
                        order by next_attempt_at, id limit 1
                        for update skip locked)
            returning id as "Value"
            """).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>
    /// A 5xx for a recipient or for the message is final: retrying sends the same thing to the same answer. A 5xx to
    /// MAIL FROM (sender refused, authentication required) is about this portal's settings, not the message, so it is
    /// retried like a 4xx, a dropped connection or a timeout: it heals once an admin fixes the settings.
    /// </summary>
    private static (bool Permanent, string Error) Describe(Exception e) => e switch
    {
        SmtpCommandException c => (
            (int)c.StatusCode is >= 500 and < 600 && c.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted,
            $"{(int)c.StatusCode} {c.Message}" + (c.Mailbox is null ? "" : $" ({c.Mailbox.Address})")),
        InvalidMessageException => (true, e.Message),
        _ => (false, $"{e.GetType().Name}: {e.Message}"),
    };
}
