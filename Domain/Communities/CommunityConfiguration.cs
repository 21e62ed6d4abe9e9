using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Domain.Communities;

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> b)
    {
        b.Property(c => c.Name).HasMaxLength(300).UseCollation(ThaiCollation.Name);
        // Plain numeric (the values are rounded to 6 places in code): the schema test compares types without precision.
        b.Property(c => c.Latitude).HasColumnType("numeric");
        b.Property(c => c.Longitude).HasColumnType("numeric");
        b.Property(c => c.ContactName).HasMaxLength(200);
        b.Property(c => c.ContactPhone).HasMaxLength(50);
        b.Property(c => c.ContactEmail).HasMaxLength(256);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.Property(c => c.OverrideReason).HasMaxLength(2000);
        b.Property(c => c.OverriddenBy).HasMaxLength(200);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne<SubDistrict>().WithMany().HasForeignKey(c => c.SubDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(c => c.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Partners).WithOne().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Assessments).WithOne(a => a.Community).HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.Category, c.ProvinceId });
        b.HasIndex(c => new { c.Region, c.Category });
        b.HasIndex(c => c.ProvinceId);
        b.HasIndex(c => new { c.SubDistrictId, c.VillageNo, c.Name }).IsUnique();
    }
}
