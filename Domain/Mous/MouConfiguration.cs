using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouConfiguration : IEntityTypeConfiguration<Mou>
{
    public void Configure(EntityTypeBuilder<Mou> b)
    {
        b.Property(m => m.Code).HasMaxLength(40);
        b.Property(m => m.Title).HasMaxLength(500).UseCollation(ThaiCollation.Name);
        b.Property(m => m.Purpose).HasMaxLength(8000);
        b.Property(m => m.TerminationReason).HasMaxLength(2000);
        b.Property(m => m.Version).IsRowVersion();
        b.HasIndex(m => m.Code).IsUnique();
        b.HasIndex(m => m.Status);
        b.HasOne<Mou>().WithMany().HasForeignKey(m => m.RenewsMouId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Parties).WithOne().HasForeignKey(p => p.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MouId).OnDelete(DeleteBehavior.Cascade);
    }
}
