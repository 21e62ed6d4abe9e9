using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Settings;
using Quartz;

namespace PartnerPrograms.Jobs.Reminders;

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
