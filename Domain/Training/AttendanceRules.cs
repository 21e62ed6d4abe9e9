namespace PartnerPrograms.Domain.Training;

/// <summary>
/// What may be recorded for a session, and when. Present, late and absent say what happened, so they wait until the
/// session has started; excused (an apology sent ahead) can be recorded any time. Sessions are held in Thailand and
/// stored as a local date and time, so "started" is judged in Thai time whatever the server's zone.
/// </summary>
public static class AttendanceRules
{
    /// <summary>The reason given when a mark other than excused is sent for a session that has not started.</summary>
    public const string NotBeforeStart =
        "Present, late and absent can be recorded only once the session has started; before that, only excused.";

    public static readonly TimeZoneInfo ThaiTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    public static DateTimeOffset StartsAt(DateOnly date, TimeOnly start)
    {
        var local = date.ToDateTime(start);
        return new DateTimeOffset(local, ThaiTime.GetUtcOffset(local));
    }

    public static bool HasStarted(DateOnly date, TimeOnly start, DateTimeOffset now) => now >= StartsAt(date, start);

    public static bool AllowedBeforeStart(AttendanceStatus status) => status == AttendanceStatus.Excused;

    /// <summary>Refuses the whole register when any mark may not be recorded yet (nothing is half-saved).</summary>
    public static void EnsureCanRecord(DateOnly date, TimeOnly start, IEnumerable<AttendanceStatus> statuses,
        DateTimeOffset now)
    {
        if (!HasStarted(date, start, now) && statuses.Any(s => !AllowedBeforeStart(s)))
            throw new RuleViolationException(NotBeforeStart, "status");
    }
}
