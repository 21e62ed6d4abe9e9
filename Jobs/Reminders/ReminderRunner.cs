using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>A feature's calendar entries for one user (action due dates, training sessions).</summary>
public interface ICalendarEventSource
{
    Task<IReadOnlyList<CalendarEvent>> ForUserAsync(Guid userId, CancellationToken ct);
}

/// <summary>Runs every reminder source for a date. Safe to run any number of times: the reminder log de-duplicates.</summary>
public sealed class ReminderRunner(IEnumerable<IReminderSource> sources, ILogger<ReminderRunner> logger)
{
    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct)
    {
        var total = ReminderRunResult.None;
        foreach (var source in sources)
        {
            var result = await source.RunAsync(today, ct);
            logger.LogInformation("Reminders {Source} for {Date}: {Queued} queued, {Skipped} already sent", source.Name, today, result.Queued, result.SkippedAsAlreadySent);
            total += result;
        }
        return total;
    }
}
