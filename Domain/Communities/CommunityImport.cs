namespace PartnerPrograms.Domain.Communities;

/// <summary>An uploaded file waiting for confirmation: its parsed rows (and row errors) live here, not in memory.</summary>
public class CommunityImport
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string FileName { get; set; } = "";
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int RowCount { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The rows as JSON (ImportRow[]).</summary>
    public string Rows { get; set; } = "[]";
    public DateTime? ConfirmedAt { get; set; }
}
