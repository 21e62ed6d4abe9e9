namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Ranges for the numbers lists take from the query string. Before these, a year of 0 or 99999 made an invalid date
/// and a page of 2147483647 overflowed the offset into a negative one: both were 500s.
/// </summary>
public static class QueryLimits
{
    /// <summary>Gregorian years a filter accepts (the reports' range): 2533–2743 in the Buddhist era.</summary>
    public const int MinYear = 1990;
    public const int MaxYear = 2200;

    /// <summary>Far past the last page of any list at national scale (1,000,000 trainees are 20,000 pages of 50),
    /// and small enough that (page − 1) × the largest page size stays an int.</summary>
    public const int MaxPage = 100_000;

    /// <summary>The Gregorian year of a year typed in either era (2563 or 2020), or null when it is out of range.</summary>
    public static int? GregorianYear(int year)
    {
        var gregorian = year > 2400 ? year - 543 : year;
        return gregorian is >= MinYear and <= MaxYear ? gregorian : null;
    }

    /// <summary>A page number from 1 to <see cref="MaxPage"/>: below 1 is the first page, beyond the cap the cap.</summary>
    public static int Page(int? page) => Math.Clamp(page ?? 1, 1, MaxPage);

    public static int PageSize(int? size, int fallback, int max) => Math.Clamp(size ?? fallback, 1, max);

    public static int Offset(int page, int size) => (Page(page) - 1) * size;
}
