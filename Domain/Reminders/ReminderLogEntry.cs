namespace PartnerPrograms.Domain.Reminders;

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
