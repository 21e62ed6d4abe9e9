namespace PartnerPrograms.Domain.Training;

/// <summary>Whether a trainee can still reach the course's attendance rule with the sessions that remain.</summary>
public static class AttendanceOutlook
{
    /// <param name="totalSessions">all sessions of the cohort</param>
    /// <param name="attended">sessions attended so far (present or late)</param>
    /// <param name="remaining">sessions not yet held or not yet recorded</param>
    public static bool CanStillComplete(int totalSessions, int attended, int remaining, int minAttendancePercent) =>
        totalSessions == 0 || (long)(attended + remaining) * 100 >= (long)minAttendancePercent * totalSessions;
}
