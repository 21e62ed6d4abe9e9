namespace PartnerPrograms.Domain.Email;

/// <summary>
/// One e-mail waiting to be sent. Written in the same transaction as the change that caused it, so a message exists
/// exactly when its cause was committed; a recurring job sends it. The dedupe key is unique: queueing the same
/// reminder twice is a no-op, which makes every job that writes here safe to run again.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public string DedupeKey { get; set; } = "";
    public string To { get; set; } = "";
    public string? Cc { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string Language { get; set; } = "th";
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; } = DateTime.UtcNow;
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? SentAt { get; set; }
    /// <summary>The signed one-click unsubscribe address (RFC 8058) of a reminder; sent as List-Unsubscribe.</summary>
    public string? UnsubscribeUrl { get; set; }
    public List<OutboxAttachment> Attachments { get; set; } = [];

    /// <summary>Back-off after a failed attempt: 1, 2, 4 … minutes, at most 6 hours.</summary>
    public static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    public void RecordFailure(string error, DateTime now, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= maxAttempts) Status = OutboxStatus.Failed;
        else { Status = OutboxStatus.Pending; NextAttemptAt = now + BackOff(Attempts); }
    }

    /// <summary>
    /// A refusal that no retry can change (a 5xx for a recipient or the message, an address that cannot be parsed):
    /// the message is failed at once with the server's words, for an admin to look at and resend.
    /// </summary>
    public void RecordPermanentFailure(string error, DateTime now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        Status = OutboxStatus.Failed;
        NextAttemptAt = now;
    }

    public void RecordSent(DateTime now)
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
    }

    /// <summary>An admin's resend of a failed message: it goes back in the queue with a fresh count.</summary>
    public void Requeue(DateTime now)
    {
        if (Status != OutboxStatus.Failed) throw new InvalidOperationException("Only a failed message can be resent.");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }
}
