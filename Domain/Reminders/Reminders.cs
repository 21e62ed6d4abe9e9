namespace PartnerPrograms.Domain.Reminders;

public enum ReminderKind { ActionDue, ActionOverdue, MouTermEnding, SessionTomorrow, LowAttendance, CertificateIssued }

/// <summary>
/// One reminder sent: what (kind), to whom (recipient key, e.g. "user:{id}" or an e-mail) and which occurrence
/// (e.g. "2026-11-21" for a daily digest, "mou:12:term-30" for a term warning). The triple is unique, so running a
/// reminder job twice, after a crash or on two schedulers at once, sends each reminder once.
/// </summary>
public class ReminderLogEntry
{
    public long Id { get; set; }
    public ReminderKind Kind { get; set; }
    public string RecipientKey { get; set; } = "";
    public string OccurrenceKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public long? OutboxMessageId { get; set; }

    public string DedupeKey => $"reminder:{Kind}:{RecipientKey}:{OccurrenceKey}";
}

/// <summary>A user's choice to stop one kind of reminder (absent row = on).</summary>
public class NotificationPreference
{
    public Guid UserId { get; set; }
    public ReminderKind Kind { get; set; }
    public bool Enabled { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A secret calendar feed address for a user: looked up by hash; kept encrypted (data protection) so the
/// user can be shown the same address again.</summary>
public class CalendarFeed
{
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public string TokenProtected { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
