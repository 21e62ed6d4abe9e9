namespace PartnerPrograms.Domain.Communities;

public class CommunityAssessment
{
    public long Id { get; set; }
    public long CommunityId { get; set; }
    public Community? Community { get; set; }
    public long RubricId { get; set; }
    public Rubric? Rubric { get; set; }
    public DateOnly AssessedOn { get; set; }
    public string? Assessor { get; set; }
    public string? Notes { get; set; }
    public Dictionary<string, int> Scores { get; set; } = [];
    public CommunityCategory Category { get; set; }
    public decimal TourismScore { get; set; }
    public List<ClassificationReason> Reasons { get; set; } = [];
    public string? RecordedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
