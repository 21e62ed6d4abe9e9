namespace PartnerPrograms.Domain.Training;

public static class CohortQueries
{
    /// <summary>The cohorts that take enrolments, in SQL: the same statuses as <see cref="Cohort.AcceptsEnrollments"/>.</summary>
    public static IQueryable<Cohort> WhereAcceptsEnrollments(this IQueryable<Cohort> cohorts) =>
        cohorts.Where(c => c.Status == CohortStatus.Planned || c.Status == CohortStatus.Open || c.Status == CohortStatus.Running);
}
