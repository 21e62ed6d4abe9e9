using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Geography;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Code).HasMaxLength(2);
        b.Property(p => p.NameTh).HasMaxLength(100);
        b.Property(p => p.NameEn).HasMaxLength(100);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => p.NameTh).IsUnique();
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.NameTh).HasMaxLength(100);
        b.Property(d => d.NameEn).HasMaxLength(100);
        b.HasOne<Province>().WithMany().HasForeignKey(d => d.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.ProvinceId);
    }
}

internal sealed class SubDistrictConfiguration : IEntityTypeConfiguration<SubDistrict>
{
    public void Configure(EntityTypeBuilder<SubDistrict> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.NameTh).HasMaxLength(100);
        b.Property(s => s.NameEn).HasMaxLength(100);
        b.Property(s => s.PostalCode).HasMaxLength(5);
        b.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.DistrictId);
    }
}
