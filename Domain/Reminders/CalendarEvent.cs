namespace PartnerPrograms.Domain.Reminders;

/// <summary>An event in a user's calendar feed: an all-day date (an action due) or a timed session in Bangkok time.</summary>
public sealed record CalendarEvent(string Uid, string Summary, string? Description, string? Location, DateOnly? AllDay,
    DateTime? StartLocal, DateTime? EndLocal, string? Url = null);
