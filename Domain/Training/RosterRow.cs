namespace PartnerPrograms.Domain.Training;

/// <summary>One line of a cohort's roster with its attendance counts, read in one query.</summary>
public sealed record RosterRow(
    long EnrollmentId, long TraineeId, string? Title, string FirstName, string LastName, string? NationalIdMasked,
    string? Community, string? Province, string? Phone, EnrollmentStatus Status, DateTime? WaitlistedAt,
    int Present, int Late, int Excused, int Absent, decimal? Score, bool? FixedCompleted, int? FixedAttended, int? FixedSessions)
{
    public string Name => TraineeNames.Full(Title, FirstName, LastName);

    /// <summary>The stored completion once the cohort is closed, else the live one.</summary>
    public CompletionResult Completion(CompletionRule rule, int sessionCount)
    {
        if (FixedCompleted is { } fixedCompleted)
            return rule.Evaluate(FixedSessions ?? sessionCount, FixedAttended ?? 0, Score) with { Completed = fixedCompleted };
        return rule.Evaluate(sessionCount, Present + Late, Score);
    }
}
