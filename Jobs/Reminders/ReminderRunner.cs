using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using Quartz;

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

/// <summary>
/// Runs hourly; from the configured hour (Bangkok) on it sends the day's reminders. Running every hour rather than
/// once means a changed hour in the settings takes effect at once, and a missed run (instance down) catches up.
/// </summary>
public sealed class DailyRemindersJob(ReminderRunner runner, AppDbContext db, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var settings = await SettingsStore.LoadAsync(db, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Scheduling.JobsSetup.Bangkok);
        if (local.Hour < settings.DailyReminderHour && context.Trigger.Key.Name.EndsWith("-schedule", StringComparison.Ordinal))
        {
            context.Result = $"before {settings.DailyReminderHour}:00";
            return;
        }
        var result = await runner.RunAsync(DateOnly.FromDateTime(local.DateTime), cancellationToken);
        context.Result = $"queued {result.Queued}, already sent {result.SkippedAsAlreadySent}";
    }
}
