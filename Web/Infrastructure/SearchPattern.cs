namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The ILIKE pattern of a "contains" search box. The user's text is literal: %, _ and \ are escaped with
/// <see cref="Escape"/>, which every ILike call must pass as its escape character (without it EF sends ESCAPE '', and a
/// search for "100%" would look for "100\%"). Thai digits are read as Arabic and spaces collapsed first (SearchText).
/// </summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + SearchText.Normalize(text).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
