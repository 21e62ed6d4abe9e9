using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Settings;

namespace PartnerPrograms.Domain.Reminders;

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
