using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Training;

internal sealed class CohortPartnerConfiguration : IEntityTypeConfiguration<CohortPartner>
{
    public void Configure(EntityTypeBuilder<CohortPartner> b)
    {
        b.HasKey(p => new { p.CohortId, p.OrganizationId });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.OrganizationId);
    }
}
