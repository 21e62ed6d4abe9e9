using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Communities;

internal sealed class CommunityAssessmentConfiguration : IEntityTypeConfiguration<CommunityAssessment>
{
    public void Configure(EntityTypeBuilder<CommunityAssessment> b)
    {
        b.Property(a => a.Assessor).HasMaxLength(200);
        b.Property(a => a.Notes).HasMaxLength(4000);
        b.Property(a => a.RecordedBy).HasMaxLength(200);
        b.Property(a => a.TourismScore).HasColumnType("numeric");
        b.Property(a => a.Scores).AsJsonb();
        b.Property(a => a.Reasons).AsJsonb();
        b.HasOne(a => a.Rubric).WithMany().HasForeignKey(a => a.RubricId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.CommunityId, a.AssessedOn });
        b.HasIndex(a => a.RubricId);
    }
}
