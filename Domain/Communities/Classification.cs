namespace PartnerPrograms.Domain.Communities;

public sealed record Classification(
    CommunityCategory Category,
    decimal TourismScore,
    IReadOnlyDictionary<SectionRole, decimal> SectionPercents,
    IReadOnlyList<ClassificationReason> Reasons);
