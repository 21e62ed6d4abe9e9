using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Training;

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
