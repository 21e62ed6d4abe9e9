namespace PartnerPrograms.Jobs.Privacy;

/// <summary>What one purge removed.</summary>
public sealed record RetentionResult(int SentMail, int FailedMail, int ReminderLog, int AuditEntries, int PickupFiles)
{
    public int Total => SentMail + FailedMail + ReminderLog + AuditEntries + PickupFiles;
}
