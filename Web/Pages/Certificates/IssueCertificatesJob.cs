using Quartz;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A one-off job per batch ("certs-{batchId}"): issues the cohort's missing certificates and builds its ZIP.</summary>
public sealed class IssueCertificatesJob(CertificateIssuer issuer) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var batchId = long.Parse(context.MergedJobDataMap.GetString("batchId")!, System.Globalization.CultureInfo.InvariantCulture);
        await issuer.RunBatchAsync(batchId, cancellationToken);
        context.Result = $"batch {batchId}";
    }

    /// <summary>Schedules the batch to run now (job data: the batch id only); returns the job's key.</summary>
    public static async Task<string> ScheduleAsync(ISchedulerFactory schedulers, long batchId, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = "certs-" + batchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // RequestRecovery: if the instance running it dies (kill -9, power), the cluster (or this instance on restart) runs it
        // again; the batch is idempotent, so the second run only does what the first did not finish.
        var job = JobBuilder.Create<IssueCertificatesJob>().WithIdentity(key).RequestRecovery().UsingJobData("batchId", batchId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build();
        await scheduler.ScheduleJob(job, TriggerBuilder.Create().WithIdentity(key).StartNow().Build(), cancellationToken: ct);
        return key;
    }
}
