using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Settings;

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

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasKey(p => new { p.UserId, p.Kind });
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.HasKey(f => f.UserId);
        b.Property(f => f.TokenHash).HasMaxLength(64);
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SettingsRowConfiguration : IEntityTypeConfiguration<SettingsRow>
{
    public void Configure(EntityTypeBuilder<SettingsRow> b)
    {
        b.ToTable("portal_settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Json).HasColumnType("jsonb");
        b.Property(s => s.Version).IsRowVersion();
    }
}
