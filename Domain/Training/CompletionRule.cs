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
