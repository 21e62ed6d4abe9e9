using System.Text.Json;
using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>The parsed rows of a pending trainee import as stored in trainee_imports.rows (jsonb).</summary>
internal sealed class StoredImportRows(NationalIdProtector nationalIds)
{
    // Thai text as UTF-8 rather than \uXXXX escapes and no nulls: the stored rows (jsonb, never HTML) are about half
    // the size, which is most of what storing and loading a 10,000-row preview costs. Both forms read back the same.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The rows as stored: each national-ID cell encrypted, so a pending import holds no plain ID either.</summary>
    public string Write(List<ImportedRow> rows)
    {
        var stored = rows.Select(r => new ImportedRow
        {
            Row = r.Row,
            Problems = r.Problems,
            ExistingTraineeId = r.ExistingTraineeId,
            Fields = WithNationalId(
                r.Fields,
                string.IsNullOrEmpty(r.Fields.NationalId)
                    ? r.Fields.NationalId
                    : nationalIds.EncryptText(r.Fields.NationalId)),
        }).ToList();
        return JsonSerializer.Serialize(stored, Json);
    }

    /// <summary>The stored rows; national IDs decrypted, or left out when the caller only shows them.</summary>
    public List<ImportedRow> Read(string json, bool decryptNationalIds = true)
    {
        var rows = JsonSerializer.Deserialize<List<ImportedRow>>(json, Json) ?? [];
        foreach (var r in rows)
            if (!string.IsNullOrEmpty(r.Fields.NationalId))
                r.Fields.NationalId = decryptNationalIds ? nationalIds.DecryptText(r.Fields.NationalId) : null;
        return rows;
    }

    private static TraineeFields WithNationalId(TraineeFields f, string? nationalId) => new()
    {
        Title = f.Title,
        FirstName = f.FirstName,
        LastName = f.LastName,
        FirstNameEn = f.FirstNameEn,
        LastNameEn = f.LastNameEn,
        NationalId = nationalId,
        BirthDate = f.BirthDate,
        Phone = f.Phone,
        Email = f.Email,
        LineId = f.LineId,
        Province = f.Province,
        Community = f.Community,
        PdpaConsent = f.PdpaConsent,
    };
}
