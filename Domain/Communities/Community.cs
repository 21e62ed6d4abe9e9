using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Domain.Communities;

/// <summary>
/// A tourism community (a village, หมู่ที่, in a sub-district), placed on the official administrative lists. It keeps
/// its latest computed group and, apart from it, a staff override with its written reason: both are shown.
/// </summary>
public class Community
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>หมู่ที่ (village number within the sub-district).</summary>
    public int? VillageNo { get; set; }
    public int SubDistrictId { get; set; }
    /// <summary>District, province and region follow from the sub-district; kept here for filters and summaries.</summary>
    public int DistrictId { get; set; }
    public int ProvinceId { get; set; }
    public Region Region { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string? Notes { get; set; }

    /// <summary>The group of the latest assessment (by date), or Unclassified before any.</summary>
    public CommunityCategory ComputedCategory { get; set; } = CommunityCategory.Unclassified;
    public CommunityCategory? OverrideCategory { get; set; }
    public string? OverrideReason { get; set; }
    public string? OverriddenBy { get; set; }
    public DateTime? OverriddenAt { get; set; }
    /// <summary>The group that counts: the override if there is one, else the computed group.</summary>
    public CommunityCategory Category { get; set; } = CommunityCategory.Unclassified;
    public DateOnly? LastAssessedOn { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }
    public List<CommunityPartner> Partners { get; set; } = [];
    public List<CommunityAssessment> Assessments { get; set; } = [];

    public void PlaceIn(SubDistrict subDistrict, District district, Province province)
    {
        if (subDistrict.DistrictId != district.Id || district.ProvinceId != province.Id)
            throw new RuleViolationException("The sub-district, district and province do not belong together.");
        SubDistrictId = subDistrict.Id;
        DistrictId = district.Id;
        ProvinceId = province.Id;
        Region = province.Region;
    }

    /// <summary>Records an assessment scored with the given rubric version. The date may not be in the future.</summary>
    public CommunityAssessment Assess(Rubric rubric, DateOnly assessedOn, IReadOnlyDictionary<string, int> scores, string? assessor,
        string? notes, string? recordedBy, DateOnly today, DateTime now)
    {
        if (assessedOn > today) throw new RuleViolationException("The assessment date cannot be in the future.");
        var result = CommunityClassifier.Classify(rubric.Definition, scores);
        var assessment = new CommunityAssessment
        {
            CommunityId = Id,
            RubricId = rubric.Id,
            Rubric = rubric,
            AssessedOn = assessedOn,
            Assessor = assessor?.Trim(),
            Notes = notes?.Trim(),
            Scores = new Dictionary<string, int>(scores, StringComparer.Ordinal),
            Category = result.Category,
            TourismScore = Math.Round(result.TourismScore, 2),
            Reasons = result.Reasons.ToList(),
            RecordedBy = recordedBy,
            CreatedAt = now,
        };
        Assessments.Add(assessment);
        // A back-dated assessment is history: only the latest by date sets the current group.
        if (LastAssessedOn is null || assessedOn >= LastAssessedOn)
        {
            LastAssessedOn = assessedOn;
            ComputedCategory = result.Category;
        }
        Category = OverrideCategory ?? ComputedCategory;
        return assessment;
    }

    /// <summary>Sets (or, with null, clears) the staff override. The computed group stays as it is, beside it.</summary>
    public void Override(CommunityCategory? category, string? reason, string? by, DateTime now)
    {
        if (category is null)
        {
            OverrideCategory = null; OverrideReason = null; OverriddenBy = null; OverriddenAt = null;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolationException("Write the reason for the override.");
            OverrideCategory = category; OverrideReason = reason.Trim(); OverriddenBy = by; OverriddenAt = now;
        }
        Category = OverrideCategory ?? ComputedCategory;
    }
}
