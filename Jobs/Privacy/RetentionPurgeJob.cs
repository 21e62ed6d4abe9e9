using Hangfire;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Privacy;

/// <summary>The daily retention purge (Bangkok time, at night). Idempotent: a second run the same day removes nothing.</summary>
public sealed class RetentionPurgeJob(RetentionPurge purge)
{
    [SkipWhenRunning]
    [AutomaticRetry(Attempts = 2)]
    [JobDisplayName("Delete mail, reminder-log and audit rows past their retention period")]
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var r = await purge.RunAsync(cancellationToken);
        return r.Total == 0
            ? null
            : $"deleted {r.SentMail} sent and {r.FailedMail} failed e-mails, {r.ReminderLog} reminder-log rows, " +
              $"{r.AuditEntries} audit entries, {r.PickupFiles} .eml files";
    }
}
