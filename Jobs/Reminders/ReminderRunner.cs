namespace PartnerPrograms.Jobs.Reminders;

/// <summary>Runs every reminder source for a date; safe to run any number of times (the reminder log de-duplicates).
/// </summary>
public sealed class ReminderRunner(IEnumerable<IReminderSource> sources, ILogger<ReminderRunner> logger)
{
    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct)
    {
        var total = ReminderRunResult.None;
        foreach (var source in sources)
        {
            var result = await source.RunAsync(today, ct);
            logger.LogInformation("Reminders {Source} for {Date}: {Queued} queued, {Skipped} already sent", source.Name,
                today, result.Queued, result.SkippedAsAlreadySent);
            total += result;
        }
        return total;
    }
}
