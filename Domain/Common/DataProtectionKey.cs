namespace PartnerPrograms.Domain.Common;

/// <summary>An ASP.NET Core data-protection key ring entry, shared by every web instance through the database.</summary>
public class DataProtectionKey
{
    public long Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
