namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>How an uploaded file's header and cells are read: which column holds which field, and what means "yes".</summary>
public static class TraineeFileColumns
{
    /// <summary>Header aliases (compacted: lower case, no spaces, underscores, dashes or dots) for each field.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["title"] = ["title", "คำนำหน้า", "คำนำหน้าชื่อ"],
        ["firstName"] = ["firstname", "name", "ชื่อ", "ชื่อจริง"],
        ["lastName"] = ["lastname", "surname", "familyname", "นามสกุล"],
        ["firstNameEn"] = ["firstnameen", "firstnameenglish", "ชื่อภาษาอังกฤษ", "ชื่อ(อังกฤษ)", "ชื่ออังกฤษ"],
        ["lastNameEn"] =
        [
            "lastnameen", "lastnameenglish", "นามสกุลภาษาอังกฤษ", "นามสกุล(อังกฤษ)", "นามสกุลอังกฤษ",
        ],
        ["nationalId"] =
        [
            "nationalid", "citizenid", "idcard", "idno",
            "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขที่บัตรประชาชน",
        ],
        ["birthDate"] =
        [
            "birthdate", "dateofbirth", "dob", "birthday", "วันเกิด", "วันเดือนปีเกิด", "วัน/เดือน/ปีเกิด",
        ],
        ["phone"] = ["phone", "mobile", "tel", "telephone", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์", "โทร"],
        ["email"] = ["email", "อีเมล", "อีเมล์"],
        ["lineId"] = ["lineid", "line", "ไลน์", "ไอดีไลน์", "ไลน์ไอดี"],
        ["province"] = ["province", "จังหวัด"],
        ["community"] =
        [
            "community", "group", "network", "ชุมชน", "กลุ่ม", "ชุมชน/กลุ่ม", "ชุมชนหรือกลุ่ม", "กลุ่ม/เครือข่าย",
            "เครือข่าย", "หน่วยงาน",
        ],
        ["pdpaConsent"] = ["pdpaconsent", "consent", "pdpa", "ความยินยอม", "ยินยอม", "ยินยอมpdpa"],
    };

    /// <summary>Field name → column index for the header's known columns (the first column wins for a field).</summary>
    public static Dictionary<string, int> Map(IReadOnlyList<string> header)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var key = Compact(header[i]);
            var field = Aliases.FirstOrDefault(a => a.Value.Contains(key)).Key;
            if (field is not null) columns.TryAdd(field, i);
        }
        return columns;
    }

    public static bool IsYes(string? s) =>
        s?.Trim().ToLowerInvariant() is "y" or "yes" or "true" or "1" or "ใช่" or "ยินยอม" or "x" or "✓" or "/";

    private static string Compact(string s) =>
        string.Concat(s.Trim().TrimStart('\uFEFF').Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-' and not '.'))
            .ToLowerInvariant();
}
