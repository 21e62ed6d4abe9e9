namespace PartnerPrograms.Domain.Training;

/// <summary>A cohort (รุ่น): one run of a course, at a place or online, for a capacity, with its partners and sessions.</summary>
public class Cohort
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public Course Course { get; set; } = null!;
    /// <summary>e.g. รุ่นที่ 1/2564</summary>
    public string Name { get; set; } = "";
    /// <summary>The MOU it is delivered under, if any (linked to the MOU feature's table after merging).</summary>
    public long? MouId { get; set; }
    public bool IsOnline { get; set; }
    public string? Venue { get; set; }
    /// <summary>Thai province name (ThaiProvinces), null when online.</summary>
    public string? Province { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int Capacity { get; set; }
    public string? Instructors { get; set; }
    public CohortStatus Status { get; set; } = CohortStatus.Planned;
    public DateTime? ClosedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }

    public List<CohortPartner> Partners { get; set; } = [];
    public List<TrainingSession> Sessions { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];

    public bool AcceptsEnrollments => Status is CohortStatus.Planned or CohortStatus.Open or CohortStatus.Running;

    public void EnsureAcceptsEnrollments()
    {
        if (!AcceptsEnrollments) throw new Common.RuleViolationException("This cohort is closed or cancelled: no more enrolments.");
    }

    /// <summary>Closing fixes each enrolment's completion; a completed or cancelled cohort cannot be closed again.</summary>
    public void Close(DateTime now)
    {
        if (Status is CohortStatus.Completed or CohortStatus.Cancelled)
            throw new Common.RuleViolationException("This cohort is already closed or cancelled.");
        Status = CohortStatus.Completed;
        ClosedAt = now;
    }
}
