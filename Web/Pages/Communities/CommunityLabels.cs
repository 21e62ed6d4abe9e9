using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>
/// English text (the localizer keys) for the feature's enums, so English pages read "Group A" and "North-east"
/// rather than a bare key; Thai comes from Resources/Communities.th.json as for every other string.
/// </summary>
public static class CommunityLabels
{
    public static string Category(CommunityCategory c) => c switch
    {
        CommunityCategory.A => "Group A",
        CommunityCategory.B => "Group B",
        CommunityCategory.C => "Group C",
        CommunityCategory.D => "Group D",
        _ => "Not yet classified",
    };

    public static string Meaning(CommunityCategory c) => c switch
    {
        CommunityCategory.A => "Tourism potential, ready to be promoted",
        CommunityCategory.B => "Tourism potential, but infrastructure must improve first",
        CommunityCategory.C => "Potential as a learning site",
        CommunityCategory.D => "Has community products",
        _ => "Not assessed yet, or no threshold reached",
    };

    public static string Region(Region r) => r switch
    {
        Domain.Geography.Region.North => "North",
        Domain.Geography.Region.Central => "Central",
        Domain.Geography.Region.NorthEast => "North-east",
        Domain.Geography.Region.West => "West",
        Domain.Geography.Region.East => "East",
        _ => "South",
    };

    public static string Section(SectionRole s) => s switch
    {
        SectionRole.Attraction => "Attractiveness to tourists",
        SectionRole.Readiness => "Community readiness and facilities",
        SectionRole.Products => "Products and services",
        _ => "Learning site",
    };
}
