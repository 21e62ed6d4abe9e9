namespace PartnerPrograms.Jobs.Email;

public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : Quartz.IJob
{
    public async ValueTask Execute(Quartz.IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (sent, failed) = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = sent + failed == 0 ? null : $"sent {sent}, failed {failed}";
    }
}
