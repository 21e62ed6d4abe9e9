using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouItemConfiguration : IEntityTypeConfiguration<MouItem>
{
    public void Configure(EntityTypeBuilder<MouItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(1000);
        b.Property(i => i.Description).HasMaxLength(8000);
        b.HasMany(i => i.Actions).WithOne().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.MouId);
    }
}
