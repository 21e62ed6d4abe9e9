namespace PartnerPrograms.Domain.Geography;

/// <summary>The six-region grouping of the official lists (geographies.csv ids 1–6).</summary>
public enum Region { North = 1, Central = 2, NorthEast = 3, West = 4, East = 5, South = 6 }

/// <summary>A province (จังหวัด). Id is the list's 1–77 number; Code the Department of Provincial Administration code (10 = Bangkok).</summary>
public class Province
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public Region Region { get; set; }
}

/// <summary>A district (อำเภอ/เขต); Id is its 4-digit DOPA code, e.g. 1001.</summary>
public class District
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
}

/// <summary>A sub-district (ตำบล/แขวง); Id is its 6-digit code.</summary>
public class SubDistrict
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string? PostalCode { get; set; }
}
