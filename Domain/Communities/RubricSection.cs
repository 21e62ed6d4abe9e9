namespace PartnerPrograms.Domain.Communities;

public sealed class RubricSection
{
    public SectionRole Role { get; set; }
    /// <summary>Percent of the tourism score (the learning section carries 0).</summary>
    public int Weight { get; set; }
    public string NameEn { get; set; } = "";
    public string NameTh { get; set; } = "";
    public List<RubricCriterion> Criteria { get; set; } = [];
    public int MaxTotal => Criteria.Sum(c => c.MaxScore);
}
