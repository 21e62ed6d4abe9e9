namespace PartnerPrograms.Jobs.Reminders;

/// <summary>What became of one reminder: queued, or why not.</summary>
public enum ReminderOutcome { Queued, AlreadySent, OptedOut, NoAddress }
