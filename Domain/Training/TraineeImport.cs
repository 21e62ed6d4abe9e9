namespace PartnerPrograms.Domain.Training;

/// <summary>An uploaded trainee file, parsed and waiting for the user's confirmation. The rows stay on the server.</summary>
public class TraineeImport
{
    public Guid Id { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The parsed rows (ImportedTraineeRow[]) as JSON.</summary>
    public string Rows { get; set; } = "[]";
    public int RowCount { get; set; }
    public int ErrorCount { get; set; }
    public DateTime? CommittedAt { get; set; }
    public int? CreatedCount { get; set; }
    public int? MatchedCount { get; set; }
}
