namespace PartnerPrograms.Domain.Mous;

public class MouParty
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public long OrganizationId { get; set; }
    public PartyRole Role { get; set; } = PartyRole.Partner;
    public string SignatoryName { get; set; } = "";
    public string? SignatoryPosition { get; set; }
    /// <summary>What this party undertakes (หน้าที่ของแต่ละฝ่าย), printed in the agreement.</summary>
    public string? Duties { get; set; }
    public int SortOrder { get; set; }
}
