using System.Globalization;

namespace PartnerPrograms.Domain.Training;

/// <summary>
/// Times of day as Thai users type them, on a 24-hour clock: 09:00, 9.00, 9.00 น., 0900, 9, Thai digits.
/// </summary>
public static class ThaiTimes
{
    public static bool TryParse(string? input, out TimeOnly time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var s = ThaiDigits.ToAscii(input).Trim();
        if (s.EndsWith("น.", StringComparison.Ordinal)) s = s[..^2].TrimEnd();
        string hours, minutes;
        var sep = s.IndexOfAny([':', '.']);
        if (sep >= 0) (hours, minutes) = (s[..sep], s[(sep + 1)..]);
        else if (s.Length is 3 or 4) (hours, minutes) = (s[..^2], s[^2..]); // 900, 0900
        else (hours, minutes) = (s, "00");
        if (hours.Length is < 1 or > 2 || minutes.Length != 2) return false;
        if (!int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ||
            !int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (h > 23 || m > 59) return false;
        time = new TimeOnly(h, m);
        return true;
    }
}
