using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Training;

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).UseCollation(ThaiCollation.Name);
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
