using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Training;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.Property(c => c.TitleTh).HasMaxLength(300);
        b.Property(c => c.TitleEn).HasMaxLength(300);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Syllabus).HasMaxLength(8000);
        b.Property(c => c.Hours).HasColumnType("numeric");
        b.Property(c => c.PassMark).HasColumnType("numeric");
        b.Property(c => c.Version).IsRowVersion();
        b.Ignore(c => c.Rule);
        b.HasIndex(c => c.TitleTh).IsUnique();
    }
}

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Venue).HasMaxLength(500);
        b.Property(c => c.Province).HasMaxLength(100);
        b.Property(c => c.Instructors).HasMaxLength(1000);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne(c => c.Course).WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Partners).WithOne().HasForeignKey(p => p.CohortId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sessions).WithOne(s => s.Cohort).HasForeignKey(s => s.CohortId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Enrollments).WithOne(e => e.Cohort).HasForeignKey(e => e.CohortId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.CourseId, c.Name }).IsUnique();
        b.HasIndex(c => new { c.Status, c.StartDate });
        // Plain column for now: the MOU feature's table is linked by a foreign key after merging.
        b.HasIndex(c => c.MouId);
        b.Ignore(c => c.AcceptsEnrollments);
    }
}

internal sealed class CohortPartnerConfiguration : IEntityTypeConfiguration<CohortPartner>
{
    public void Configure(EntityTypeBuilder<CohortPartner> b)
    {
        b.HasKey(p => new { p.CohortId, p.OrganizationId });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.OrganizationId);
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> b)
    {
        b.ToTable("training_sessions");
        b.Property(s => s.Topic).HasMaxLength(500);
        b.Property(s => s.Place).HasMaxLength(500);
        b.HasMany(s => s.Attendance).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.CohortId, s.Date });
        b.HasIndex(s => s.Date);
    }
}

internal sealed class TraineeConfiguration : IEntityTypeConfiguration<Trainee>
{
    public void Configure(EntityTypeBuilder<Trainee> b)
    {
        b.Property(t => t.Title).HasMaxLength(50);
        b.Property(t => t.FirstName).HasMaxLength(100);
        b.Property(t => t.LastName).HasMaxLength(100);
        b.Property(t => t.FirstNameEn).HasMaxLength(100);
        b.Property(t => t.LastNameEn).HasMaxLength(100);
        b.Ignore(t => t.NationalId);
        b.Property(t => t.NationalIdMasked).HasMaxLength(20);
        b.Property(t => t.Phone).HasMaxLength(50);
        b.Property(t => t.Email).HasMaxLength(256);
        b.Property(t => t.LineId).HasMaxLength(100);
        b.Property(t => t.Province).HasMaxLength(100);
        b.Property(t => t.Community).HasMaxLength(300);
        b.Property(t => t.PdpaConsentBy).HasMaxLength(200);
        b.Property(t => t.Version).IsRowVersion();
        b.Ignore(t => t.FullName);
        b.HasIndex(t => t.NationalIdHash).IsUnique();
        b.HasIndex(t => new { t.FirstName, t.LastName });
        b.HasMany(t => t.Enrollments).WithOne(e => e.Trainee).HasForeignKey(e => e.TraineeId).OnDelete(DeleteBehavior.Restrict);
        // users.trainee_id (skeleton column) now points at its trainee.
        b.HasMany<AppUser>().WithOne().HasForeignKey(u => u.TraineeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.Property(e => e.AssessmentScore).HasColumnType("numeric");
        b.HasIndex(e => new { e.CohortId, e.TraineeId }).IsUnique();
        b.HasIndex(e => e.TraineeId);
        b.HasMany(e => e.Attendance).WithOne().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.ToTable("attendance");
        b.HasKey(a => new { a.SessionId, a.EnrollmentId });
        b.HasIndex(a => a.EnrollmentId);
    }
}

internal sealed class TraineeImportConfiguration : IEntityTypeConfiguration<TraineeImport>
{
    public void Configure(EntityTypeBuilder<TraineeImport> b)
    {
        b.Property(i => i.FileName).HasMaxLength(300);
        b.Property(i => i.Rows).HasColumnType("jsonb");
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.CreatedAt);
    }
}
