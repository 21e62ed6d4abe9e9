using System.Globalization;
using System.Text;

namespace PartnerPrograms.Domain.Reminders;

/// <summary>
/// Writes RFC 5545 iCalendar: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
/// TEXT escaped (\\ \; \, \n), timed events in Asia/Bangkok with its VTIMEZONE (UTC+7, no daylight saving).
/// </summary>
public static class ICalendar
{
    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, DateTime stampUtc)
    {
        var sb = new StringBuilder();
        void Line(string text) => AppendFolded(sb, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//PartnerPrograms//Portal//TH");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(calendarName));
        Line("X-WR-TIMEZONE:Asia/Bangkok");
        Line("BEGIN:VTIMEZONE");
        Line("TZID:Asia/Bangkok");
        Line("BEGIN:STANDARD");
        Line("DTSTART:19700101T000000");
        Line("TZOFFSETFROM:+0700");
        Line("TZOFFSETTO:+0700");
        Line("TZNAME:ICT");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        var stamp = stampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + e.Uid);
            Line("DTSTAMP:" + stamp);
            if (e.AllDay is { } day)
            {
                Line("DTSTART;VALUE=DATE:" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                Line("DTEND;VALUE=DATE:" + day.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            }
            else
            {
                Line("DTSTART;TZID=Asia/Bangkok:" + e.StartLocal!.Value.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
                Line("DTEND;TZID=Asia/Bangkok:" + (e.EndLocal ?? e.StartLocal.Value.AddHours(1)).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
            }
            Line("SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrEmpty(e.Description)) Line("DESCRIPTION:" + Escape(e.Description));
            if (!string.IsNullOrEmpty(e.Location)) Line("LOCATION:" + Escape(e.Location));
            if (!string.IsNullOrEmpty(e.Url)) Line("URL:" + e.Url);
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Folds a content line so no physical line exceeds 75 octets; continuation lines start with a space.</summary>
    public static void AppendFolded(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + bytes > limit)
            {
                sb.Append("\r\n ");
                octets = 1; // the leading space counts
                limit = 75;
            }
            sb.Append(line, i, width);
            octets += bytes;
            i += width;
        }
        sb.Append("\r\n");
    }
}
