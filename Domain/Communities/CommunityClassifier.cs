using System.Globalization;

namespace PartnerPrograms.Domain.Communities;

/// <summary>
/// Turns one assessment's scores into a group, with the thresholds that decided it. Pure: the rubric version the
/// assessment was scored with and its scores in, the group and its reasons out. In order:
/// tourism potential (weighted tourism score and attractiveness both at their thresholds) → A if readiness reaches its
/// threshold, else B; otherwise learning-site potential → C; otherwise community products → D; otherwise not yet
/// classified. Every comparison is "at least", on exact (unrounded) percentages.
/// </summary>
public static class CommunityClassifier
{
    public const string TourismPotential = "Tourism score {0}% is at least {1}% and attractiveness {2}% is at least {3}%: tourism potential.";
    public const string TourismBelow = "Tourism score {0}% is below {1}%: no tourism potential yet.";
    public const string AttractionBelow = "Attractiveness {0}% is below {1}%: no tourism potential yet.";
    public const string ReadinessMet = "Readiness and facilities {0}% is at least {1}%: ready to be promoted (A).";
    public const string ReadinessBelow = "Readiness and facilities {0}% is below {1}%: infrastructure must improve first (B).";
    public const string LearningMet = "Learning site {0}% is at least {1}%: potential as a learning site (C).";
    public const string LearningBelow = "Learning site {0}% is below {1}%.";
    public const string ProductsMet = "Products and services {0}% is at least {1}%: has community products (D).";
    public const string ProductsBelow = "Products and services {0}% is below {1}%: not yet classified.";

    public static IReadOnlyList<string> AllTemplates { get; } =
        [TourismPotential, TourismBelow, AttractionBelow, ReadinessMet, ReadinessBelow, LearningMet, LearningBelow, ProductsMet, ProductsBelow];

    public static Classification Classify(RubricDefinition rubric, IReadOnlyDictionary<string, int> scores)
    {
        var errors = rubric.ValidateScores(scores);
        if (errors.Count > 0) throw new ArgumentException("Scores do not fit the rubric: " + string.Join(", ", errors.Keys), nameof(scores));

        var percents = rubric.Sections.ToDictionary(s => s.Role, s => Percent(s, scores));
        var tourism = rubric.Sections.Where(s => s.Role != SectionRole.Learning).Sum(s => s.Weight * percents[s.Role] / 100m);
        var t = rubric.Thresholds;
        var reasons = new List<ClassificationReason>();
        var attraction = percents[SectionRole.Attraction];

        if (tourism >= t.TourismTotalMin && attraction >= t.AttractionMin)
        {
            reasons.Add(new(TourismPotential, F(tourism), F(t.TourismTotalMin), F(attraction), F(t.AttractionMin)));
            var readiness = percents[SectionRole.Readiness];
            if (readiness >= t.ReadinessMin)
            {
                reasons.Add(new(ReadinessMet, F(readiness), F(t.ReadinessMin)));
                return new(CommunityCategory.A, tourism, percents, reasons);
            }
            reasons.Add(new(ReadinessBelow, F(readiness), F(t.ReadinessMin)));
            return new(CommunityCategory.B, tourism, percents, reasons);
        }
        if (tourism < t.TourismTotalMin) reasons.Add(new(TourismBelow, F(tourism), F(t.TourismTotalMin)));
        if (attraction < t.AttractionMin) reasons.Add(new(AttractionBelow, F(attraction), F(t.AttractionMin)));

        var learning = percents[SectionRole.Learning];
        if (learning >= t.LearningMin)
        {
            reasons.Add(new(LearningMet, F(learning), F(t.LearningMin)));
            return new(CommunityCategory.C, tourism, percents, reasons);
        }
        reasons.Add(new(LearningBelow, F(learning), F(t.LearningMin)));

        var products = percents[SectionRole.Products];
        if (products >= t.ProductsMin)
        {
            reasons.Add(new(ProductsMet, F(products), F(t.ProductsMin)));
            return new(CommunityCategory.D, tourism, percents, reasons);
        }
        reasons.Add(new(ProductsBelow, F(products), F(t.ProductsMin)));
        return new(CommunityCategory.Unclassified, tourism, percents, reasons);
    }

    private static decimal Percent(RubricSection section, IReadOnlyDictionary<string, int> scores) =>
        section.MaxTotal == 0 ? 0 : section.Criteria.Sum(c => scores[c.Key]) * 100m / section.MaxTotal;

    /// <summary>One decimal at most, truncated (59.99 shows as 59.9, never as a misleading 60), invariant.</summary>
    public static string F(decimal v) => (Math.Truncate(v * 10) / 10).ToString("0.#", CultureInfo.InvariantCulture);
    private static string F(int v) => v.ToString(CultureInfo.InvariantCulture);
}
