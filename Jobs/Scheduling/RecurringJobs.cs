using Hangfire;
using PartnerPrograms.Jobs.Backup;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Mous;
using PartnerPrograms.Jobs.Privacy;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// The portal's recurring jobs, in Bangkok time. Registered by every instance at start: AddOrUpdate is idempotent,
/// and each occurrence runs once across all servers. The jobs' methods carry their own retry and skip rules.
/// </summary>
public static class RecurringJobs
{
    public const string EmailOutbox = "email-outbox";
    public const string DailyReminders = "daily-reminders";
    public const string MouExpiry = "mou-expiry";
    /// <summary>Only where this instance takes backups (the embedded server runs, or Backup:Directory is set); not in Ids.</summary>
    public const string DatabaseBackup = "database-backup";
    public const string RetentionPurge = "retention-purge";

    public static IReadOnlyList<string> Ids { get; } = [EmailOutbox, DailyReminders, MouExpiry, RetentionPurge];

    public static void Register(IServiceProvider services)
    {
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var bangkok = new RecurringJobOptions { TimeZone = JobsSetup.Bangkok };
        manager.AddOrUpdate<OutboxDispatchJob>(EmailOutbox, JobQueues.Default, j => j.RunAsync(CancellationToken.None), "*/20 * * * * *", bangkok);
        // Hourly; the job itself waits for the hour set in /Admin/Settings, so a changed hour applies at once.
        manager.AddOrUpdate<DailyRemindersJob>(DailyReminders, JobQueues.Default, j => j.RunAsync(CancellationToken.None), "0 * * * *", bangkok);
        manager.AddOrUpdate<MouExpiryJob>(MouExpiry, JobQueues.Default, j => j.RunAsync(CancellationToken.None), "5 0 * * *", bangkok);
        // Not removed where backups are not configured: on a web-only node that would undo the job node's registration.
        if (services.GetService<BackupSettings>() is { } backup)
            manager.AddOrUpdate<DatabaseBackupJob>(DatabaseBackup, JobQueues.Backup, j => j.RunAsync(CancellationToken.None), backup.Cron, bangkok);
        // At night, when nobody is sending or reading mail: sent and failed mail, reminder log and reveal audit past their periods.
        manager.AddOrUpdate<RetentionPurgeJob>(RetentionPurge, JobQueues.Default, j => j.RunAsync(CancellationToken.None), "30 3 * * *", bangkok);
    }
}
