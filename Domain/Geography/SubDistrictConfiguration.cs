using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Geography;

internal sealed class SubDistrictConfiguration : IEntityTypeConfiguration<SubDistrict>
{
    public void Configure(EntityTypeBuilder<SubDistrict> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.NameTh).HasMaxLength(100).UseCollation(ThaiCollation.Name);
        b.Property(s => s.NameEn).HasMaxLength(100);
        b.Property(s => s.PostalCode).HasMaxLength(5);
        b.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.DistrictId);
    }
}
