namespace PartnerPrograms.Domain.Geography;

/// <summary>A sub-district (ตำบล/แขวง); Id is its 6-digit code.</summary>
public class SubDistrict
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string? PostalCode { get; set; }
}
