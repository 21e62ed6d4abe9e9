using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>
/// The filters of every report, dashboard figure and drill-down list. Year is Gregorian (a Buddhist-era year, &gt; 2400,
/// is converted when parsed); Province is the DOPA code or a name; Region the enum.
/// </summary>
public sealed record ReportFilter(int? Year = null, long? CourseId = null, long? PartnerId = null, string? Province = null, Region? Region = null)
{
    public static int? ParseYear(int? year) => year is { } y ? (y > 2400 ? y - 543 : y) : null;

    /// <summary>The query string of this filter (for links from a figure to its list, and to the exports).</summary>
    public string Query(string? kind = null)
    {
        var parts = new List<string>();
        if (kind is not null) parts.Add("kind=" + kind);
        // "all" rather than nothing: the report and the exports default to the current year.
        parts.Add("year=" + (Year is { } y ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all"));
        if (CourseId is { } c) parts.Add("courseId=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PartnerId is { } p) parts.Add("partnerId=" + p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(Province)) parts.Add("province=" + Uri.EscapeDataString(Province));
        if (Region is { } r) parts.Add("region=" + r);
        return "?" + string.Join('&', parts);
    }
}
