using System.Globalization;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>The columns of a community import file: Thai or English headers, mapped to the importer's fields.</summary>
public static class CommunityImportColumns
{
    /// <summary>Header names we accept (English or Thai), mapped to our field.</summary>
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name",
        ["community"] = "name",
        ["ชื่อชุมชน"] = "name",
        ["ชุมชน"] = "name",
        ["village_no"] = "village_no",
        ["moo"] = "village_no",
        ["หมู่ที่"] = "village_no",
        ["หมู่"] = "village_no",
        ["sub_district"] = "sub_district",
        ["tambon"] = "sub_district",
        ["ตำบล"] = "sub_district",
        ["ตำบล/แขวง"] = "sub_district",
        ["sub_district_code"] = "sub_district_code",
        ["รหัสตำบล"] = "sub_district_code",
        ["district"] = "district",
        ["amphoe"] = "district",
        ["อำเภอ"] = "district",
        ["อำเภอ/เขต"] = "district",
        ["province"] = "province",
        ["จังหวัด"] = "province",
        ["latitude"] = "latitude",
        ["lat"] = "latitude",
        ["ละติจูด"] = "latitude",
        ["longitude"] = "longitude",
        ["lng"] = "longitude",
        ["lon"] = "longitude",
        ["ลองจิจูด"] = "longitude",
        ["contact_name"] = "contact_name",
        ["contact"] = "contact_name",
        ["ผู้ประสานงาน"] = "contact_name",
        ["contact_phone"] = "contact_phone",
        ["phone"] = "contact_phone",
        ["โทรศัพท์"] = "contact_phone",
        ["contact_email"] = "contact_email",
        ["email"] = "contact_email",
        ["อีเมล"] = "contact_email",
        ["partners"] = "partners",
        ["หน่วยงานภาคี"] = "partners",
        ["notes"] = "notes",
        ["หมายเหตุ"] = "notes",
    };

    /// <summary>The key under which <see cref="ToRows"/> keeps each row's number in the file.</summary>
    public const string LineKey = "__line";

    private static string? Field(string header) =>
        Headers.TryGetValue(header.Trim().TrimStart('\uFEFF').Replace(' ', '_'), out var f) ? f
        : Headers.TryGetValue(header.Trim().TrimStart('\uFEFF'), out f) ? f : null;

    /// <summary>The sheet's rows keyed by our field names (unknown columns dropped), with the row number under <see cref="LineKey"/>.</summary>
    public static List<Dictionary<string, string>> ToRows(SpreadsheetReader.Sheet sheet)
    {
        var headers = sheet.Header.Select(Field).ToList();
        return sheet.Rows.Select(r =>
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal) { [LineKey] = r.Row.ToString(CultureInfo.InvariantCulture) };
            for (var i = 0; i < headers.Count; i++)
                if (headers[i] is { } f) row[f] = i < r.Cells.Length ? r.Cells[i] : "";
            return row;
        }).ToList();
    }
}
