namespace PartnerPrograms.Domain.Geography;

/// <summary>A district (อำเภอ/เขต); Id is its 4-digit DOPA code, e.g. 1001.</summary>
public class District
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
}
