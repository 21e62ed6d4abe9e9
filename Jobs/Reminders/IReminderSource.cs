namespace PartnerPrograms.Jobs.Reminders;

/// <summary>A feature's reminders (MOU actions and terms, sessions, …), run by the daily reminder job for a date.
/// </summary>
public interface IReminderSource
{
    string Name { get; }
    Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct);
}
