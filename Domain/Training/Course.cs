namespace PartnerPrograms.Domain.Training;

/// <summary>A course in the catalogue: what is taught, for how long, and the rule for completing it.</summary>
public class Course
{
    public long Id { get; set; }
    public string TitleTh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string? Description { get; set; }
    /// <summary>Syllabus topics, one per line.</summary>
    public string? Syllabus { get; set; }
    public decimal Hours { get; set; }
    /// <summary>Completion: at least this share of the sessions attended (present or late).</summary>
    public int MinAttendancePercent { get; set; } = 80;
    /// <summary>Optional pass mark (0–100) on a final assessment; null means no assessment.</summary>
    public decimal? PassMark { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }

    public CompletionRule Rule => new(MinAttendancePercent, PassMark);

    public IEnumerable<string> SyllabusTopics =>
        (Syllabus ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
