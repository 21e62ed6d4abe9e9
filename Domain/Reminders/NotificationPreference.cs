namespace PartnerPrograms.Domain.Reminders;

/// <summary>A user's choice to stop one kind of reminder (absent row = on).</summary>
public class NotificationPreference
{
    public Guid UserId { get; set; }
    public ReminderKind Kind { get; set; }
    public bool Enabled { get; set; }
    public DateTime UpdatedAt { get; set; }
}
