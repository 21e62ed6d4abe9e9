using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Jobs.Email;
using Quartz;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>A recurring job a feature contributes: its class, a stable key and a cron schedule (Bangkok time).</summary>
public sealed record RecurringJob(Type JobType, string Key, string Cron, string Description);

public static class JobsSetup
{
    public static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    /// <summary>Every recurring job of the portal. Features add theirs here; the /jobs page lists them.</summary>
    public static readonly List<RecurringJob> Recurring =
    [
        new(typeof(OutboxDispatchJob), "email-outbox", "0/20 * * * * ?", "Send queued e-mail (every 20 s)"),
        new(typeof(Reminders.DailyRemindersJob), "daily-reminders", "0 0 * * * ?", "Reminders of the day: actions, MOU terms, sessions (hourly from the configured hour)"),
        new(typeof(PartnerPrograms.Jobs.Mous.MouExpiryJob), "mou-expiry", "0 5 0 * * ?", "Set MOUs whose term is over to expired (daily 00:05)"),
    ];

    /// <summary>
    /// Quartz with its job store in the portal's PostgreSQL, clustered: several instances share the work and take
    /// over from one that dies. With Jobs:Scheduler=false the instance only schedules (e.g. a web-only node).
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        services.AddSingleton<JobRunListener>();
        services.AddScoped<Reminders.ReminderSender>();
        services.AddScoped<Reminders.ReminderRunner>();
        services.AddSingleton<Reminders.UnsubscribeLinks>();
        services.AddScoped<Reminders.IReminderSource, Reminders.MouReminders>();
        services.AddScoped<Reminders.IReminderSource, Reminders.TrainingReminders>();
        services.AddScoped<Reminders.ICalendarEventSource, Reminders.PortalCalendarEvents>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "partnerprograms";
                o.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(config.GetValue("Jobs:ThreadCount", 4));
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(connectionString);
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                s.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(config.GetValue("Jobs:CheckinSeconds", 5));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(config.GetValue("Jobs:CheckinMisfireSeconds", 10));
                });
            });
            q.AddJobListener<JobRunListener>();
            foreach (var job in Recurring)
            {
                var key = new JobKey(job.Key);
                // Every recurring job is idempotent (outbox leases, reminder log, expiry by date), so one cut short by a dead
                // instance is simply run again at once by the instance that recovers it.
                q.AddJob(job.JobType, j => j.WithIdentity(key).StoreDurably().RequestRecovery().WithDescription(job.Description).DisallowConcurrentExecution());
                q.AddTrigger(t => t.ForJob(key).WithIdentity(job.Key + "-schedule")
                    .WithCronSchedule(job.Cron, c => c.InTimeZone(Bangkok)));
            }
        });
        if (config.GetValue("Jobs:Scheduler", true))
            services.AddQuartzHostedService(o => { o.WaitForJobsToComplete = true; o.AwaitApplicationStarted = true; });
        return services;
    }
}
