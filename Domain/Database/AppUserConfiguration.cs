using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Database;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200).UseCollation(ThaiCollation.Name);
        b.Property(u => u.Role).HasMaxLength(20);
        b.Property(u => u.PreferredLanguage).HasMaxLength(5);
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.OrganizationId);
        b.HasIndex(u => u.TraineeId).IsUnique();
    }
}
