using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Mous;

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> b)
    {
        b.Property(u => u.Text).HasMaxLength(4000);
        b.Property(u => u.PostedByName).HasMaxLength(200);
        b.HasOne<Mou>().WithMany().HasForeignKey(u => u.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MouAttachment>().WithMany().HasForeignKey(u => u.AttachmentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(u => u.ActionId);
    }
}
