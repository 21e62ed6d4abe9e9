using Hangfire;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>
/// A one-off job per batch on the PDF queue (its argument is the batch id only: the dashboard shows arguments):
/// issues the cohort's missing certificates and builds its ZIP. Idempotent, so a run cut short by a dead server
/// is simply run again by another.
/// </summary>
public sealed class IssueCertificatesJob(CertificateIssuer issuer)
{
    /// <summary>A queued batch not picked up after this long is enqueued again by the next click (a crash between
    /// saving the batch and enqueuing its job would otherwise leave it queued for good).</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Issue certificates: batch {0}")]
    public Task RunAsync(long batchId, CancellationToken cancellationToken) => issuer.RunBatchAsync(batchId, cancellationToken);

    /// <summary>
    /// Starts issuing for a cohort, or joins the issue already under way (Started = false): a second click does not
    /// start a second job.
    /// </summary>
    public static async Task<(CertificateBatch Batch, bool Started)> StartAsync(CertificateIssuer issuer, IBackgroundJobClient jobs, TimeProvider clock,
        long cohortId, IReadOnlyList<Signatory>? signatories, CancellationToken ct = default)
    {
        var (batch, created) = await issuer.CreateBatchAsync(cohortId, signatories, ct);
        var stuck = !created && batch.Status == CertificateBatchStatus.Queued && clock.GetUtcNow().UtcDateTime - batch.CreatedAt > StuckAfter;
        if (created || stuck) jobs.Enqueue<IssueCertificatesJob>(JobQueues.Pdf, j => j.RunAsync(batch.Id, CancellationToken.None));
        return (batch, created);
    }
}
