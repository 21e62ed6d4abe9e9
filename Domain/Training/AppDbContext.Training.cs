using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<CohortPartner> CohortPartners => Set<CohortPartner>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<Trainee> Trainees => Set<Trainee>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<AttendanceRecord> Attendance => Set<AttendanceRecord>();
    public DbSet<TraineeImport> TraineeImports => Set<TraineeImport>();

    /// <summary>
    /// A partner sees the cohorts its organisation delivers (their sessions, enrolments, attendance and trainees);
    /// a participant sees their own trainee record and the cohorts they are enrolled in. The filters reach other
    /// tables through their foreign keys (not navigations), so no filter depends on itself.
    /// </summary>
    partial void ApplyTrainingFilters(ModelBuilder builder)
    {
        builder.Entity<Cohort>().HasQueryFilter(c =>
            (ScopeOrganizationId == null || CohortPartners.Any(p => p.CohortId == c.Id && p.OrganizationId == ScopeOrganizationId)) &&
            (ScopeTraineeId == null || Enrollments.Any(e => e.CohortId == c.Id && e.TraineeId == ScopeTraineeId)));
        builder.Entity<Enrollment>().HasQueryFilter(e =>
            (ScopeOrganizationId == null || CohortPartners.Any(p => p.CohortId == e.CohortId && p.OrganizationId == ScopeOrganizationId)) &&
            (ScopeTraineeId == null || e.TraineeId == ScopeTraineeId));
        builder.Entity<TrainingSession>().HasQueryFilter(s =>
            (ScopeOrganizationId == null || CohortPartners.Any(p => p.CohortId == s.CohortId && p.OrganizationId == ScopeOrganizationId)) &&
            (ScopeTraineeId == null || Enrollments.Any(e => e.CohortId == s.CohortId)));
        builder.Entity<AttendanceRecord>().HasQueryFilter(a =>
            (ScopeOrganizationId == null && ScopeTraineeId == null) || Enrollments.Any(e => e.Id == a.EnrollmentId));
        builder.Entity<Trainee>().HasQueryFilter(t =>
            (ScopeTraineeId == null || t.Id == ScopeTraineeId) &&
            (ScopeOrganizationId == null || Enrollments.Any(e => e.TraineeId == t.Id)));
        builder.Entity<TraineeImport>().HasQueryFilter(i => ScopeOrganizationId == null && ScopeTraineeId == null);
        // Who revealed or exported a trainee's data: staff, and the person themself (their own export).
        builder.Entity<Privacy.PersonalDataAuditEntry>().HasQueryFilter(a =>
            ScopeOrganizationId == null && (ScopeTraineeId == null || a.TraineeId == ScopeTraineeId));
    }
}
