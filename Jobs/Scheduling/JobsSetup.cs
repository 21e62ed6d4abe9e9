using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// Hangfire with its job store in the portal's PostgreSQL (schema "hangfire"). Every instance can enqueue and
/// show the dashboard; instances with Jobs:Server=true also run jobs, and any of them takes over the work of one
/// that dies. Everything Hangfire keeps per host (storage, activator) is registered here rather than through its
/// static JobStorage.Current, so several hosts in one process (the tests) each use their own database.
/// </summary>
public static class JobsSetup
{
    public static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
    private static readonly Lock GlobalSetup = new();
    private static bool _globalDone;

    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        var options = config.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        services.AddScoped<Reminders.ReminderSender>();
        services.AddScoped<Reminders.ReminderRunner>();
        services.AddSingleton<Reminders.UnsubscribeLinks>();
        services.AddScoped<Reminders.IReminderSource, Reminders.MouReminders>();
        services.AddScoped<Reminders.IReminderSource, Reminders.TrainingReminders>();
        services.AddScoped<Reminders.ICalendarEventSource, Reminders.PortalCalendarEvents>();

        services.AddSingleton(_ => new HangfireConnectionFactory(connectionString));
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(sp.GetRequiredService<HangfireConnectionFactory>(), new PostgreSqlStorageOptions
        {
            SchemaName = JobSchema.Name,
            PrepareSchemaIfNecessary = false, // JobSchema.InstallAsync at start, under the migrator's kind of lock
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
            QueuePollInterval = TimeSpan.FromSeconds(options.PollSeconds),
            DistributedLockTimeout = TimeSpan.FromSeconds(options.LockTimeoutSeconds),
        }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            ConfigureGlobalsOnce();
            HostsLogProvider.Instance.Add(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            config.UseLogProvider(HostsLogProvider.Instance);
        });

        if (options.Server)
        {
            AddServer(services, "main", options.Workers, options.Queues);
            if (options.PdfWorkers > 0) AddServer(services, "pdf", options.PdfWorkers, [JobQueues.Pdf]);
        }
        return services;
    }

    private static void AddServer(IServiceCollection services, string name, int workers, string[] queues) =>
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{name}";
            o.WorkerCount = workers;
            o.Queues = queues;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(2);
            // SIGTERM: stop fetching, let running jobs finish for up to 20 s, then cancel them (they run again later).
            o.StopTimeout = TimeSpan.FromSeconds(20);
            o.ShutdownTimeout = TimeSpan.FromSeconds(25);
        });

    /// <summary>Hangfire's process-wide settings and filters: the same for every host, so set once.</summary>
    private static void ConfigureGlobalsOnce()
    {
        lock (GlobalSetup)
        {
            if (_globalDone) return;
            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new RedactJobExceptionsFilter());
            _globalDone = true;
        }
    }
}
