using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Communities;

internal sealed class CommunityImportConfiguration : IEntityTypeConfiguration<CommunityImport>
{
    public void Configure(EntityTypeBuilder<CommunityImport> b)
    {
        b.Property(i => i.FileName).HasMaxLength(300);
        b.Property(i => i.Rows).HasColumnType("jsonb");
        b.HasIndex(i => i.CreatedAt);
    }
}
