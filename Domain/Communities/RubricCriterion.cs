namespace PartnerPrograms.Domain.Communities;

public sealed class RubricCriterion
{
    public string Key { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameTh { get; set; } = "";
    public int MaxScore { get; set; } = 5;
}
