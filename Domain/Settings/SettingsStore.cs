using System.Text.Json;
using PartnerPrograms.Domain.Database;

namespace PartnerPrograms.Domain.Settings;

public static class SettingsStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<PortalSettings> LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, ct);
        return row is null ? new PortalSettings() : JsonSerializer.Deserialize<PortalSettings>(row.Json, Json) ?? new PortalSettings();
    }

    /// <summary>Saves; with <paramref name="expectedVersion"/> a concurrent edit by another admin is refused (DbUpdateConcurrencyException).</summary>
    public static async Task SaveAsync(AppDbContext db, PortalSettings settings, uint? expectedVersion, DateTime now, CancellationToken ct = default)
    {
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Id == 1, ct);
        if (row is null) { row = new SettingsRow { Id = 1 }; db.Settings.Add(row); }
        else if (expectedVersion is { } v) db.Entry(row).Property(r => r.Version).OriginalValue = v;
        row.Json = JsonSerializer.Serialize(settings, Json);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    public static async Task<uint?> VersionAsync(AppDbContext db, CancellationToken ct = default) =>
        await db.Settings.Where(s => s.Id == 1).Select(s => (uint?)s.Version).SingleOrDefaultAsync(ct);
}
