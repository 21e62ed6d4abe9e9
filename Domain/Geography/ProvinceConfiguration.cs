using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Geography;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Code).HasMaxLength(2);
        b.Property(p => p.NameTh).HasMaxLength(100).UseCollation(ThaiCollation.Name);
        b.Property(p => p.NameEn).HasMaxLength(100);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => p.NameTh).IsUnique();
    }
}
