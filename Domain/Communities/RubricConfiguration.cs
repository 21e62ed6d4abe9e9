using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Communities;

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> b)
    {
        b.ToTable("community_rubrics");
        b.Property(r => r.Definition).AsJsonb();
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.ChangeNote).HasMaxLength(1000);
        b.HasIndex(r => r.Version).IsUnique();
    }
}
