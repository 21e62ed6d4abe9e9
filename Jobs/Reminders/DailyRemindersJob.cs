using Hangfire;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Runs hourly; from the configured hour (Bangkok) on it sends the day's reminders. Running every hour rather than
/// once means a changed hour in the settings takes effect at once, and a missed run (instance down) catches up.
/// Any number of runs a day send each reminder once (the reminder log).
/// </summary>
public sealed class DailyRemindersJob(ReminderRunner runner, AppDbContext db, TimeProvider clock)
{
    [SkipWhenRunning]
    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Reminders of the day")]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await SettingsStore.LoadAsync(db, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), JobsSetup.Bangkok);
        if (local.Hour < settings.DailyReminderHour) return $"before {settings.DailyReminderHour:00}:00 Bangkok time";
        var result = await runner.RunAsync(DateOnly.FromDateTime(local.DateTime), cancellationToken);
        return $"queued {result.Queued}, already sent {result.SkippedAsAlreadySent}";
    }
}
