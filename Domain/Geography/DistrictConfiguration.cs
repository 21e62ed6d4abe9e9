using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Geography;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.NameTh).HasMaxLength(100).UseCollation(ThaiCollation.Name);
        b.Property(d => d.NameEn).HasMaxLength(100);
        b.HasOne<Province>().WithMany().HasForeignKey(d => d.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.ProvinceId);
    }
}
