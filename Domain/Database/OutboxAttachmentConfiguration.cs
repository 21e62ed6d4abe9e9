using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Domain.Database;

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> b)
    {
        b.ToTable("email_outbox_attachments");
        b.Property(a => a.FileName).HasMaxLength(300);
        b.Property(a => a.ContentType).HasMaxLength(100);
    }
}
