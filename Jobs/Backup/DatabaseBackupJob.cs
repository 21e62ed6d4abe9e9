using Hangfire;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Backup;

/// <summary>The daily backup (Backup:Cron, Bangkok time) on the "backup" queue, which only instances that take
/// backups serve. Its result line (file, size, entries checked, what was pruned) is on the job dashboard.</summary>
public sealed class DatabaseBackupJob(DatabaseBackup backup)
{
    [SkipWhenRunning]
    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Back up the database (pg_dump)")]
    public Task<string> RunAsync(CancellationToken cancellationToken) => backup.RunAsync(cancellationToken);
}
