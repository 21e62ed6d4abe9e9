using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<ReminderLogEntry> ReminderLog => Set<ReminderLogEntry>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<SettingsRow> Settings => Set<SettingsRow>();
}
