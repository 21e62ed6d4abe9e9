using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Domain.Database;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("email_outbox");
        b.Property(m => m.DedupeKey).HasMaxLength(300);
        b.HasIndex(m => m.DedupeKey).IsUnique();
        b.Property(m => m.To).HasMaxLength(1000);
        b.Property(m => m.Cc).HasMaxLength(1000);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Language).HasMaxLength(5);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
