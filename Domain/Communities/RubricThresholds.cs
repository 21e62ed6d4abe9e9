namespace PartnerPrograms.Domain.Communities;

/// <summary>Percent thresholds the classifier compares against (each "at least").</summary>
public sealed class RubricThresholds
{
    /// <summary>Weighted tourism score (attractiveness + readiness + products) for tourism potential (A or B).</summary>
    public int TourismTotalMin { get; set; } = 60;
    /// <summary>Attractiveness section score for tourism potential (A or B).</summary>
    public int AttractionMin { get; set; } = 60;
    /// <summary>Readiness section score that separates A (ready to promote) from B (infrastructure must improve).</summary>
    public int ReadinessMin { get; set; } = 60;
    /// <summary>Learning-site section score for C.</summary>
    public int LearningMin { get; set; } = 60;
    /// <summary>Products section score for D.</summary>
    public int ProductsMin { get; set; } = 50;
}
