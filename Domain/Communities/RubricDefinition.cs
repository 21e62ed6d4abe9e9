using System.Text.Json;

namespace PartnerPrograms.Domain.Communities;

public sealed class RubricDefinition
{
    public List<RubricSection> Sections { get; set; } = [];
    public RubricThresholds Thresholds { get; set; } = new();

    public IEnumerable<RubricCriterion> Criteria => Sections.SelectMany(s => s.Criteria);
    public RubricSection? Section(SectionRole role) => Sections.FirstOrDefault(s => s.Role == role);

    /// <summary>
    /// Version 1, after the Community Development Department's OTOP Nawatwithi classification: attractiveness to
    /// tourists 50 %, community readiness and facilities 30 %, products and services 20 %; plus the learning-site
    /// section (local wisdom, learning centres) that group C rests on, which carries no weight in the tourism score.
    /// </summary>
    public static RubricDefinition Default() => new()
    {
        Sections =
        [
            new() { Role = SectionRole.Attraction, Weight = 50, NameEn = "Attractiveness to tourists", NameTh = "ความดึงดูดใจนักท่องเที่ยว", Criteria =
            [
                new() { Key = "attraction_sites", NameEn = "Natural and cultural attractions", NameTh = "แหล่งท่องเที่ยวทางธรรมชาติและวัฒนธรรม" },
                new() { Key = "attraction_identity", NameEn = "Community identity and story", NameTh = "อัตลักษณ์และเรื่องเล่าของชุมชน" },
                new() { Key = "attraction_activities", NameEn = "Activities visitors take part in", NameTh = "กิจกรรมที่นักท่องเที่ยวมีส่วนร่วม" },
            ] },
            new() { Role = SectionRole.Readiness, Weight = 30, NameEn = "Community readiness and facilities",
                NameTh = "ความพร้อมของชุมชนและสิ่งอำนวยความสะดวก", Criteria =
            [
                new() { Key = "readiness_access", NameEn = "Access, roads and signs", NameTh = "การเดินทาง ถนน และป้ายบอกทาง" },
                new() { Key = "readiness_facilities", NameEn = "Homestays, food, toilets and parking", NameTh = "ที่พัก อาหาร ห้องน้ำ และที่จอดรถ" },
                new() { Key = "readiness_management", NameEn = "Community tourism group and management", NameTh = "กลุ่มท่องเที่ยวชุมชนและการบริหารจัดการ" },
                new() { Key = "readiness_safety", NameEn = "Safety and cleanliness", NameTh = "ความปลอดภัยและความสะอาด" },
            ] },
            new() { Role = SectionRole.Products, Weight = 20, NameEn = "Products and services", NameTh = "ผลิตภัณฑ์และบริการ", Criteria =
            [
                new() { Key = "products_otop", NameEn = "OTOP products and souvenirs", NameTh = "ผลิตภัณฑ์ OTOP และของที่ระลึก" },
                new() { Key = "products_services", NameEn = "Local guides and tourism services", NameTh = "มัคคุเทศก์ท้องถิ่นและบริการท่องเที่ยว" },
            ] },
            new() { Role = SectionRole.Learning, Weight = 0, NameEn = "Learning site", NameTh = "แหล่งเรียนรู้", Criteria =
            [
                new() { Key = "learning_wisdom", NameEn = "Local wisdom (ภูมิปัญญา) and community sages", NameTh = "ภูมิปัญญาท้องถิ่นและปราชญ์ชุมชน" },
                new() { Key = "learning_centre", NameEn = "Learning centres and study stations", NameTh = "ศูนย์เรียนรู้และฐานการเรียนรู้" },
            ] },
        ],
    };

    /// <summary>Problems that make the definition unusable, in English (pages translate them).</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        foreach (var role in Enum.GetValues<SectionRole>())
        {
            var count = Sections.Count(s => s.Role == role);
            if (count != 1) errors.Add($"The rubric needs exactly one {role} section.");
        }
        if (Sections.Where(s => s.Role != SectionRole.Learning).Sum(s => s.Weight) != 100)
            errors.Add("The weights of attractiveness, readiness and products must add up to 100.");
        if (Sections.Any(s => s.Weight < 0)) errors.Add("A weight cannot be negative.");
        if (Sections.Any(s => s.Criteria.Count == 0)) errors.Add("Every section needs at least one criterion.");
        var keys = Criteria.Select(c => c.Key).ToList();
        if (keys.Any(k => string.IsNullOrWhiteSpace(k) || !System.Text.RegularExpressions.Regex.IsMatch(k, "^[a-z][a-z0-9_]{1,49}$")))
            errors.Add("Criterion keys are lower-case letters, digits and underscores.");
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) errors.Add("Criterion keys must be unique.");
        if (Criteria.Any(c => c.MaxScore is < 1 or > 100)) errors.Add("A criterion's maximum score is between 1 and 100.");
        if (Criteria.Any(c => string.IsNullOrWhiteSpace(c.NameTh) && string.IsNullOrWhiteSpace(c.NameEn))) errors.Add("Every criterion needs a name.");
        var t = Thresholds;
        if (new[] { t.TourismTotalMin, t.AttractionMin, t.ReadinessMin, t.LearningMin, t.ProductsMin }.Any(v => v is < 0 or > 100))
            errors.Add("Thresholds are percentages between 0 and 100.");
        return errors;
    }

    /// <summary>Checks a set of scores against this rubric: every criterion present, none unknown, each within 0–max.</summary>
    public Dictionary<string, string[]> ValidateScores(IReadOnlyDictionary<string, int>? scores)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        scores ??= new Dictionary<string, int>();
        foreach (var c in Criteria)
        {
            if (!scores.TryGetValue(c.Key, out var v)) errors["scores." + c.Key] = ["A score is required for this criterion."];
            else if (v < 0 || v > c.MaxScore) errors["scores." + c.Key] = [$"The score must be between 0 and {c.MaxScore}."];
        }
        var known = Criteria.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var k in scores.Keys.Where(k => !known.Contains(k)))
            errors["scores." + k] = ["This criterion is not in the rubric."];
        return errors;
    }

    public RubricDefinition Clone() => JsonSerializer.Deserialize<RubricDefinition>(JsonSerializer.Serialize(this))!;
}
