using System.Globalization;

namespace PartnerPrograms.Domain.Training;

/// <summary>
/// Dates as Thai users type them: 15/3/2530, 15-03-1987, 1987-03-15, 15 มี.ค. 2530, 15 มีนาคม 2530, Thai digits.
/// A year above 2400 is Buddhist era (minus 543).
/// </summary>
public static class ThaiDates
{
    private static readonly string[] MonthsLong =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];
    private static readonly string[] MonthsShort = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

    // Long, short and short without dots, per month: built once rather than for each parse (imports parse 10,000 dates).
    private static readonly string[][] MonthNames = Enumerable.Range(0, 12)
        .Select(m => new[] { MonthsLong[m], MonthsShort[m], MonthsShort[m].Replace(".", "", StringComparison.Ordinal) }).ToArray();

    public static int ToGregorianYear(int year) => year > 2400 ? year - 543 : year;

    public static bool TryParse(string? input, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var s = ThaiDigits.ToAscii(input).Trim();
        // A time part, as Excel writes it ("15/03/1987 0:00"), is dropped.
        if (s.IndexOf(' ', StringComparison.Ordinal) is var sp and > 0 && s[(sp + 1)..].Contains(':', StringComparison.Ordinal)) s = s[..sp];
        for (var m = 0; m < 12; m++)
        {
            foreach (var name in MonthNames[m])
            {
                var at = s.IndexOf(name, StringComparison.Ordinal);
                if (at <= 0) continue;
                var day = s[..at].Trim().TrimEnd('.');
                var year = s[(at + name.Length)..].Trim().TrimStart('.').Trim();
                if (year.StartsWith("พ.ศ.", StringComparison.Ordinal)) year = year[4..].Trim();
                return Make(year, (m + 1).ToString(CultureInfo.InvariantCulture), day, out date);
            }
        }
        var parts = s.Split(['/', '-', '.'], StringSplitOptions.TrimEntries);
        if (parts.Length != 3) return false;
        return parts[0].Length == 4 ? Make(parts[0], parts[1], parts[2], out date) : Make(parts[2], parts[1], parts[0], out date);
    }

    private static bool Make(string y, string m, string d, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return false;
        if (y.Length != 4) return false;
        year = ToGregorianYear(year);
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }
}
