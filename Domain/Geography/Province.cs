namespace PartnerPrograms.Domain.Geography;

/// <summary>A province (จังหวัด). Id is the list's 1–77 number; Code the Department of Provincial Administration code (10 = Bangkok).</summary>
public class Province
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string NameTh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public Region Region { get; set; }
}
