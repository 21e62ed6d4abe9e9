using System.Globalization;

namespace PartnerPrograms.Domain.Training;

/// <summary>What a course asks for completion: a share of the sessions attended, and optionally a pass mark.</summary>
public sealed record CompletionRule(int MinAttendancePercent = 80, decimal? PassMark = null)
{
    /// <summary>
    /// Present and late count as attended; excused and absent do not. The share is compared exactly (7 of 8 = 87.5 %
    /// passes 80 %, 4 of 5 = 80 % passes, 3 of 4 = 75 % fails). No sessions means nothing to complete yet.
    /// </summary>
    public CompletionResult Evaluate(int sessions, int attended, decimal? score = null)
    {
        attended = Math.Clamp(attended, 0, Math.Max(sessions, 0));
        if (sessions <= 0) return new(false, 0, 0, 0, CompletionReason.NoSessions);
        var percent = (int)Math.Floor(attended * 100m / sessions);
        if (attended * 100 < MinAttendancePercent * sessions)
            return new(false, attended, sessions, percent, CompletionReason.AttendanceTooLow);
        if (PassMark is { } mark)
        {
            if (score is null) return new(false, attended, sessions, percent, CompletionReason.NoScore);
            if (score < mark) return new(false, attended, sessions, percent, CompletionReason.ScoreTooLow);
        }
        return new(true, attended, sessions, percent, CompletionReason.Met);
    }
}

public enum CompletionReason { Met, NoSessions, AttendanceTooLow, NoScore, ScoreTooLow }

public sealed record CompletionResult(bool Completed, int Attended, int Sessions, int Percent, CompletionReason Reason)
{
    /// <summary>"7 of 8 sessions (87%)" in English; pages translate through the localizer with the same arguments.</summary>
    public string ReasonKey => Reason switch
    {
        CompletionReason.NoSessions => "No sessions yet",
        CompletionReason.AttendanceTooLow => "{0} of {1} sessions ({2}%), below the required {3}%",
        CompletionReason.NoScore => "{0} of {1} sessions ({2}%), no assessment score yet",
        CompletionReason.ScoreTooLow => "{0} of {1} sessions ({2}%), assessment below the pass mark {3}",
        _ => "{0} of {1} sessions ({2}%)",
    };

    public object[] ReasonArgs(CompletionRule rule) => Reason switch
    {
        CompletionReason.AttendanceTooLow => [Attended, Sessions, Percent, rule.MinAttendancePercent],
        CompletionReason.ScoreTooLow => [Attended, Sessions, Percent, rule.PassMark ?? 0],
        _ => [Attended, Sessions, Percent],
    };

    public static bool CountsAsAttended(AttendanceStatus s) => s is AttendanceStatus.Present or AttendanceStatus.Late;
}

/// <summary>Capacity and the waitlist, as pure decisions (the database part locks the cohort row around them).</summary>
public static class EnrollmentRules
{
    /// <summary>A new enrolment takes a seat while one is free, else joins the waitlist.</summary>
    public static EnrollmentStatus StatusForNew(int capacity, int enrolled) =>
        enrolled < capacity ? EnrollmentStatus.Enrolled : EnrollmentStatus.Waitlisted;

    /// <summary>Who moves up from the waitlist: the earliest waiting, as many as there are free seats.</summary>
    public static IReadOnlyList<Enrollment> ToPromote(int capacity, int enrolled, IEnumerable<Enrollment> enrollments) =>
        enrollments.Where(e => e.Status == EnrollmentStatus.Waitlisted)
            .OrderBy(e => e.WaitlistedAt ?? e.CreatedAt).ThenBy(e => e.Id)
            .Take(Math.Max(0, capacity - enrolled))
            .ToList();
}

public static class ThaiDigits
{
    public static string ToAscii(string s)
    {
        if (!s.Any(c => c is >= '๐' and <= '๙')) return s;
        return string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
                span[i] = src[i] is >= '๐' and <= '๙' ? (char)('0' + (src[i] - '๐')) : src[i];
        });
    }
}

/// <summary>
/// Dates as Thai users type them: 15/3/2530, 15-03-1987, 1987-03-15, 15 มี.ค. 2530, 15 มีนาคม 2530, Thai digits.
/// A year above 2400 is Buddhist era (minus 543).
/// </summary>
public static class ThaiDates
{
    private static readonly string[] MonthsLong = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
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
