using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>A feature's calendar entries for one user (action due dates, training sessions).</summary>
public interface ICalendarEventSource
{
    Task<IReadOnlyList<CalendarEvent>> ForUserAsync(Guid userId, CancellationToken ct);
}
