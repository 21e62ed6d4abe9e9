using Hangfire;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Mous;

public sealed class MouExpiryJob(MouExpiry expiry)
{
    [SkipWhenRunning]
    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Expire MOUs whose term is over")]
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var n = await expiry.RunAsync(cancellationToken);
        return n == 0 ? null : $"expired {n} MOU(s)";
    }
}
