using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouActionConfiguration : IEntityTypeConfiguration<MouAction>
{
    public void Configure(EntityTypeBuilder<MouAction> b)
    {
        b.Property(a => a.Title).HasMaxLength(1000);
        b.Property(a => a.ContactName).HasMaxLength(200);
        b.Property(a => a.Version).IsRowVersion();
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.ResponsibleOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.MouId);
        b.HasIndex(a => new { a.ResponsibleOrganizationId, a.DueDate });
    }
}
