using Hangfire;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Email;

/// <summary>Every 20 s: send what is due. A failed run is not retried (the next one comes in 20 s) nor kept.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    [SkipWhenRunning]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Send queued e-mail")]
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var (sent, failed) = await dispatcher.DispatchDueAsync(cancellationToken);
        return sent + failed == 0 ? null : $"sent {sent}, failed {failed}";
    }
}
