namespace PartnerPrograms.Domain.Organizations;

public class Organization
{
    public long Id { get; set; }
    public OrganizationKind Kind { get; set; }
    public string NameTh { get; set; } = "";
    public string? NameEn { get; set; }
    /// <summary>Short name as people write it, e.g. ธ.ก.ส., สทบ.</summary>
    public string? ShortName { get; set; }
    public string? Address { get; set; }
    public string? Province { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>PostgreSQL xmin: a concurrent edit is detected, not overwritten.</summary>
    public uint Version { get; set; }
    public List<OrganizationContact> Contacts { get; set; } = [];
}
