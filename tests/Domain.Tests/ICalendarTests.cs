using System.Text;
using PartnerPrograms.Domain.Reminders;

namespace PartnerPrograms.Domain.Tests;

public class ICalendarTests
{
    private static readonly DateTime Stamp = new(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Long_Thai_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var summary = string.Concat(Enumerable.Repeat("ประชุมติดตามภารกิจหลักสูตรการเงินชุมชน ", 6));
        var ics = ICalendar.Write("ปฏิทิน", [new CalendarEvent("a@pp", summary, null, null, new DateOnly(2026, 12, 1), null, null)], Stamp);
        var lines = ics.Split("\r\n");
        lines.ShouldAllBe(l => Encoding.UTF8.GetByteCount(l) <= 75);
        // Unfolding (drop CRLF + space) gives back the exact line.
        var unfolded = ics.Replace("\r\n ", "");
        unfolded.ShouldContain("SUMMARY:" + summary.Replace(",", "\\,") + "\r\n");
        ics.ShouldNotContain("\uFFFD");
        ics.EndsWith("END:VCALENDAR\r\n", StringComparison.Ordinal).ShouldBeTrue();
        ics.Replace("\r\n", "").ShouldNotContain("\n");
    }

    [Fact]
    public void Text_is_escaped()
    {
        ICalendar.Escape("a,b;c\\d\ne").ShouldBe("a\\,b\\;c\\\\d\\ne");
    }

    [Fact]
    public void All_day_dates_and_Bangkok_times_are_written_as_RFC_5545_asks()
    {
        var ics = ICalendar.Write("x", [
            new CalendarEvent("due@pp", "ส่งรายงาน", null, null, new DateOnly(2020, 3, 2), null, null),
            new CalendarEvent("s@pp", "อบรม", "รายละเอียด", "มหาวิทยาลัยมหาสารคาม", null, new DateTime(2026, 12, 1, 9, 0, 0), new DateTime(2026, 12, 1, 12, 0, 0)),
        ], Stamp);
        ics.ShouldContain("DTSTART;VALUE=DATE:20200302\r\nDTEND;VALUE=DATE:20200303\r\n");
        ics.ShouldContain("DTSTART;TZID=Asia/Bangkok:20261201T090000\r\n");
        ics.ShouldContain("TZID:Asia/Bangkok\r\n");
        ics.ShouldContain("DTSTAMP:20261121T000000Z\r\n");
    }
}
