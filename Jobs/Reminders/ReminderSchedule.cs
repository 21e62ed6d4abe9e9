using System.Globalization;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Which reminder an action is due for on a day: the smallest lead time it has reached (14 → 7 → 1 days), or the
/// weekly overdue reminder. Each bucket is sent once, so a missed day (an instance down) catches up the next day
/// instead of skipping the reminder.
/// </summary>
public static class ReminderSchedule
{
    public static int? DueBucket(DateOnly due, DateOnly today, IReadOnlyList<int> leadDays)
    {
        var daysLeft = due.DayNumber - today.DayNumber;
        if (daysLeft < 0) return null;
        int? bucket = null;
        foreach (var d in leadDays.OrderByDescending(d => d))
            if (daysLeft <= d) bucket = d;
        return bucket;
    }

    /// <summary>The ISO week of an overdue action's weekly reminder, when today is the configured day.</summary>
    public static string? OverdueWeek(DateOnly due, DateOnly today, DayOfWeek day)
    {
        if (today <= due || today.DayOfWeek != day) return null;
        var date = today.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}";
    }
}
