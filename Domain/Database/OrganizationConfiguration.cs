using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Database;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.NameTh).HasMaxLength(300).UseCollation(ThaiCollation.Name);
        b.Property(o => o.NameEn).HasMaxLength(300);
        b.Property(o => o.ShortName).HasMaxLength(50).UseCollation(ThaiCollation.Name);
        b.Property(o => o.Address).HasMaxLength(1000);
        b.Property(o => o.Province).HasMaxLength(100);
        b.Property(o => o.Version).IsRowVersion();
        b.HasMany(o => o.Contacts).WithOne().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => o.NameTh).IsUnique();
    }
}
