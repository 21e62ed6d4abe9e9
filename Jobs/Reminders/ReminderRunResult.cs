namespace PartnerPrograms.Jobs.Reminders;

/// <summary>What one run of the reminder jobs did.</summary>
public sealed record ReminderRunResult(int Queued, int SkippedAsAlreadySent)
{
    public static readonly ReminderRunResult None = new(0, 0);
    public static ReminderRunResult operator +(ReminderRunResult a, ReminderRunResult b) =>
        new(a.Queued + b.Queued, a.SkippedAsAlreadySent + b.SkippedAsAlreadySent);
    public ReminderRunResult Add(ReminderOutcome outcome) => outcome switch
    {
        ReminderOutcome.Queued => this with { Queued = Queued + 1 },
        ReminderOutcome.AlreadySent => this with { SkippedAsAlreadySent = SkippedAsAlreadySent + 1 },
        _ => this,
    };
}
