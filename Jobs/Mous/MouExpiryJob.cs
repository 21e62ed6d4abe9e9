namespace PartnerPrograms.Jobs.Mous;

public sealed class MouExpiryJob(MouExpiry expiry) : Quartz.IJob
{
    public async ValueTask Execute(Quartz.IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var n = await expiry.RunAsync(cancellationToken);
        context.Result = n == 0 ? null : $"expired {n} MOU(s)";
    }
}
