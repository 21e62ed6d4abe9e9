using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Domain.Training;

internal sealed class TraineeImportConfiguration : IEntityTypeConfiguration<TraineeImport>
{
    public void Configure(EntityTypeBuilder<TraineeImport> b)
    {
        b.Property(i => i.FileName).HasMaxLength(300);
        b.Property(i => i.Rows).HasColumnType("jsonb");
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.CreatedAt);
    }
}
