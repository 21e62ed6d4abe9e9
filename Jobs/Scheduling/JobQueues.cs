namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// The portal's Hangfire queues. PDF printing has its own queue and its own few workers, so a batch of 515
/// certificates never holds up e-mail or reminders.
/// </summary>
public static class JobQueues
{
    public const string Default = "default";
    public const string Pdf = "pdf";
    /// <summary>Served only by instances that take backups (Jobs/Backup/BackupSetup.cs).</summary>
    public const string Backup = "backup";
}
