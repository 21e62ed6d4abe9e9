namespace PartnerPrograms.Domain.Settings;

public class SettingsRow
{
    public int Id { get; set; } = 1;
    public string Json { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }
}
