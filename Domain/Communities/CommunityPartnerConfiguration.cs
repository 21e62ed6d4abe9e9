using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Communities;

internal sealed class CommunityPartnerConfiguration : IEntityTypeConfiguration<CommunityPartner>
{
    public void Configure(EntityTypeBuilder<CommunityPartner> b)
    {
        b.HasKey(p => new { p.CommunityId, p.OrganizationId });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.OrganizationId);
    }
}
