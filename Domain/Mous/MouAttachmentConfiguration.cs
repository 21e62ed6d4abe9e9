using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouAttachmentConfiguration : IEntityTypeConfiguration<MouAttachment>
{
    public void Configure(EntityTypeBuilder<MouAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(300);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.UploadedByName).HasMaxLength(200);
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.MouId);
    }
}
