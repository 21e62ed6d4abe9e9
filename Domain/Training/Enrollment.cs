namespace PartnerPrograms.Domain.Training;

public class Enrollment
{
    public long Id { get; set; }
    public long CohortId { get; set; }
    public Cohort Cohort { get; set; } = null!;
    public long TraineeId { get; set; }
    public Trainee Trainee { get; set; } = null!;
    public EnrollmentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Queue position on the waitlist: earlier first.</summary>
    public DateTime? WaitlistedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>Final assessment score (0–100) when the course has a pass mark.</summary>
    public decimal? AssessmentScore { get; set; }
    /// <summary>Fixed when the cohort closes: completed or not, and the counts behind it.</summary>
    public bool? Completed { get; set; }
    public int? AttendedSessions { get; set; }
    public int? SessionCount { get; set; }
    public DateTime? CompletionFixedAt { get; set; }
    public List<AttendanceRecord> Attendance { get; set; } = [];
}
