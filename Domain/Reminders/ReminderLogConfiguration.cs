using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Reminders;

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLogEntry>
{
    public void Configure(EntityTypeBuilder<ReminderLogEntry> b)
    {
        b.ToTable("reminder_log");
        b.Property(r => r.RecipientKey).HasMaxLength(300);
        b.Property(r => r.OccurrenceKey).HasMaxLength(200);
        b.HasIndex(r => new { r.Kind, r.RecipientKey, r.OccurrenceKey }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
        b.Ignore(r => r.DedupeKey);
    }
}
