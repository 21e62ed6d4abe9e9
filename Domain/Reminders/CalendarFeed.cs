namespace PartnerPrograms.Domain.Reminders;

/// <summary>A secret calendar feed address for a user: looked up by hash; kept encrypted (data protection) so the
/// user can be shown the same address again.</summary>
public class CalendarFeed
{
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public string TokenProtected { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
