using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training.Sessions;

/// <summary>
/// What a register holds, status by status, and who is not marked: shown above the register before saving (and kept
/// live there by attendance.js) and said again in the flash after saving, so the officer sees what was recorded.
/// </summary>
public sealed record AttendanceTally(int Present, int Late, int Excused, int Absent, int Unmarked)
{
    public static AttendanceTally Of(IEnumerable<AttendanceStatus?> marks)
    {
        var list = marks.ToList();
        int Count(AttendanceStatus s) => list.Count(m => m == s);
        return new(Count(AttendanceStatus.Present), Count(AttendanceStatus.Late), Count(AttendanceStatus.Excused),
            Count(AttendanceStatus.Absent), list.Count(m => m is null));
    }

    /// <summary>Each count and its key: the label is "Attendance:" + key, the counter data-count=key.</summary>
    public IReadOnlyList<(string Key, int Count)> Parts =>
        [("Present", Present), ("Late", Late), ("Excused", Excused), ("Absent", Absent), ("Unmarked", Unmarked)];

    /// <summary>e.g. "13 มา · 0 สาย · 0 ลา · 0 ขาด · 2 ยังไม่ระบุ".</summary>
    public string Describe(IStringLocalizer l) =>
        string.Join(" · ", Parts.Select(p => $"{p.Count} {l["Attendance:" + p.Key]}"));
}
