using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouPartyConfiguration : IEntityTypeConfiguration<MouParty>
{
    public void Configure(EntityTypeBuilder<MouParty> b)
    {
        b.Property(p => p.SignatoryName).HasMaxLength(200);
        b.Property(p => p.SignatoryPosition).HasMaxLength(300);
        b.Property(p => p.Duties).HasMaxLength(4000);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.MouId, p.OrganizationId }).IsUnique();
        b.HasIndex(p => p.OrganizationId);
    }
}
