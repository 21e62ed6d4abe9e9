namespace PartnerPrograms.Jobs.Backup;

/// <summary>A backup or restore step failed; the message says which and why (the tool's own words).</summary>
public sealed class BackupException(string message) : Exception(message);
