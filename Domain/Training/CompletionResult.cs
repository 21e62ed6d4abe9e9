namespace PartnerPrograms.Domain.Training;

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
