using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Jobs;
using Quartz;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>Writes one job_runs row per fire: started, then succeeded or failed with the error's message.</summary>
public sealed class JobRunListener(IServiceScopeFactory scopes, ILogger<JobRunListener> logger) : IJobListener
{
    public string Name => "job-run-log";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.JobRuns.Add(new JobRun
            {
                JobName = context.JobDetail.Key.Name,
                TriggerName = context.Trigger.Key.Name,
                FireInstanceId = context.FireInstanceId,
                SchedulerInstance = context.Scheduler.SchedulerInstanceId,
                StartedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException)
        {
            logger.LogWarning(e, "Could not record the start of job {Job}", context.JobDetail.Key.Name);
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Shown on the admin job page: an error text (an SMTP refusal, say) may name a person, so it is redacted like a log.
            var raw = jobException?.InnerException?.Message ?? jobException?.Message ?? context.Result as string;
            var message = raw is null ? null : PartnerPrograms.Domain.Privacy.LogRedactor.Redact(raw);
            await db.JobRuns.Where(r => r.FireInstanceId == context.FireInstanceId)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.FinishedAt, DateTime.UtcNow)
                    .SetProperty(r => r.Status, jobException is null ? "succeeded" : "failed")
                    .SetProperty(r => r.Message, message), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException)
        {
            logger.LogWarning(e, "Could not record the end of job {Job}", context.JobDetail.Key.Name);
        }
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) => default;
}
