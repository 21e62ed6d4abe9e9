using System.Text.Json.Serialization;
using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>Communities by group, with the JSON names of the issue (A–D in capitals, unclassified).</summary>
public sealed record CategoryCounts(
    [property: JsonPropertyName("A")] int A, [property: JsonPropertyName("B")] int B, [property: JsonPropertyName("C")] int C,
    [property: JsonPropertyName("D")] int D, [property: JsonPropertyName("unclassified")] int Unclassified)
{
    [JsonIgnore] public int Total => A + B + C + D + Unclassified;
    public int Of(CommunityCategory c) => c switch
    {
        CommunityCategory.A => A,
        CommunityCategory.B => B,
        CommunityCategory.C => C,
        CommunityCategory.D => D,
        _ => Unclassified,
    };
}
