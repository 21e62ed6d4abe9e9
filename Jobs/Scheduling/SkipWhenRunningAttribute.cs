using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// A recurring job whose previous run is still going is skipped (shown as deleted, "canceled by filter"), not run
/// beside it nor queued up behind it (Hangfire #842, #1440). Every job is idempotent anyway: this only saves work.
/// The lock lives in the job store; one left by a dead server expires after Jobs:LockTimeoutSeconds.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkipWhenRunningAttribute : JobFilterAttribute, IServerFilter
{
    private const string LockItem = "pp-skip-lock";

    public void OnPerforming(PerformingContext context)
    {
        var resource = $"pp:running:{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
        try
        {
            context.Items[LockItem] = context.Connection.AcquireDistributedLock(resource, TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(LockItem, out var held) && held is IDisposable lockHandle) lockHandle.Dispose();
    }
}
