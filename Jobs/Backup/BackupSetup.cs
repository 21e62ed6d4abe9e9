using Hangfire;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Backup;

public static class BackupSetup
{
    /// <summary>
    /// Registers the backup when this instance takes backups, with a one-worker Hangfire server of its own for the
    /// "backup" queue: an instance without the folder (or pg_dump) never picks the job up, and a long dump never
    /// holds up e-mail.
    /// </summary>
    public static IServiceCollection AddDatabaseBackup(this IServiceCollection services, IConfiguration config, BackupSettings? settings)
    {
        if (settings is null) return services;
        services.AddSingleton(settings);
        services.AddSingleton<DatabaseBackup>();
        if (config.GetValue("Jobs:Server", true))
            services.AddHangfireServer((_, o) =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:backup";
                o.WorkerCount = 1;
                o.Queues = [JobQueues.Backup];
                o.StopTimeout = TimeSpan.FromSeconds(20);
                o.ShutdownTimeout = TimeSpan.FromSeconds(25);
            });
        return services;
    }
}
