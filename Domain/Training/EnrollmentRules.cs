namespace PartnerPrograms.Domain.Training;

/// <summary>Capacity and the waitlist, as pure decisions (the database part locks the cohort row around them).</summary>
public static class EnrollmentRules
{
    /// <summary>A new enrolment takes a seat while one is free, else joins the waitlist.</summary>
    public static EnrollmentStatus StatusForNew(int capacity, int enrolled) =>
        enrolled < capacity ? EnrollmentStatus.Enrolled : EnrollmentStatus.Waitlisted;

    /// <summary>Who moves up from the waitlist: the earliest waiting, as many as there are free seats.</summary>
    public static IReadOnlyList<Enrollment> ToPromote(int capacity, int enrolled, IEnumerable<Enrollment> enrollments) =>
        enrollments.Where(e => e.Status == EnrollmentStatus.Waitlisted)
            .OrderBy(e => e.WaitlistedAt ?? e.CreatedAt).ThenBy(e => e.Id)
            .Take(Math.Max(0, capacity - enrolled))
            .ToList();
}
