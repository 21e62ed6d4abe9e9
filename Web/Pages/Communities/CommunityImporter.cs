using System.Globalization;
using System.Text.Json;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>
/// Community import from CSV or XLSX: the file is parsed and checked row by row, the result stored as a pending
/// import (server-side, so any instance can show and confirm it), and nothing is registered until staff confirm.
/// </summary>
public sealed class CommunityImporter(AppDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ImportLimits> limits)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record RowError(string Template, params string[] Args);

    public sealed class ImportRow
    {
        public int RowNumber { get; set; }
        public string Name { get; set; } = "";
        public int? VillageNo { get; set; }
        public int? SubDistrictId { get; set; }
        public string Place { get; set; } = "";
        public decimal? Latitude { get; set; }
        public decimal? Longitude { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public string? ContactEmail { get; set; }
        public string? Notes { get; set; }
        public List<long> PartnerIds { get; set; } = [];
        public List<RowError> Errors { get; set; } = [];
        public bool Valid => Errors.Count == 0;
    }

    public static List<ImportRow> ReadRows(CommunityImport import) => JsonSerializer.Deserialize<List<ImportRow>>(import.Rows, Json) ?? [];

    /// <summary>Parses and checks the file, stores it as a pending import and returns it (or a file-level error key and its arguments).</summary>
    public async Task<(CommunityImport? Import, string? Error, string[] ErrorArgs)> StageAsync(
        Stream file, string fileName, Guid? userId, CancellationToken ct = default)
    {
        List<Dictionary<string, string>> raw;
        // Over the row limit the reader refuses the whole file: nothing is staged, so nothing can be half imported.
        try
        {
            var upload = await SpreadsheetReader.ReadUploadAsync(file, null, MaxBytes, ct);
            raw = CommunityImportColumns.ToRows(SpreadsheetReader.Read(upload, MaxBytes, limits.Value.Communities));
        }
        catch (SpreadsheetReader.FileProblem p) { return (null, p.Message, p.Args); }
        if (raw.Count == 0) return (null, "The file has no data rows.", []);
        if (!raw[0].ContainsKey("name")) return (null, "The file needs a 'name' column (see the template).", []);

        var rows = await CheckAsync(raw, ct);
        var import = new CommunityImport
        {
            FileName = Path.GetFileName(fileName),
            CreatedById = userId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            RowCount = rows.Count,
            ErrorCount = rows.Count(r => !r.Valid),
            Rows = JsonSerializer.Serialize(rows, Json),
        };
        db.CommunityImports.Add(import);
        await db.SaveChangesAsync(ct);
        return (import, null, []);
    }

    private async Task<List<ImportRow>> CheckAsync(List<Dictionary<string, string>> raw, CancellationToken ct)
    {
        var provinces = await db.Provinces.AsNoTracking().ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().ToListAsync(ct);
        var subDistricts = await db.SubDistricts.AsNoTracking().ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.NameTh, o.NameEn, o.ShortName }).ToListAsync(ct);
        var subById = subDistricts.ToDictionary(s => s.Id);
        var districtById = districts.ToDictionary(d => d.Id);
        var provinceById = provinces.ToDictionary(p => p.Id);
        var existing = (await db.Communities.AsNoTracking().IgnoreQueryFilters().Select(c => new { c.SubDistrictId, c.VillageNo, c.Name }).ToListAsync(ct))
            .Select(c => (c.SubDistrictId, c.VillageNo, c.Name)).ToHashSet();
        var seen = new HashSet<(int, int?, string)>();
        var result = new List<ImportRow>();

        for (var i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            string Get(string key) => r.TryGetValue(key, out var v) ? v.Trim() : "";
            // The row number people see in their spreadsheet (the header is row 1).
            var row = new ImportRow { RowNumber = int.Parse(r[CommunityImportColumns.LineKey], CultureInfo.InvariantCulture), Name = Get("name") };
            if (row.Name.Length == 0) row.Errors.Add(new("The community name is missing."));
            else if (row.Name.Length > 300) row.Errors.Add(new("The community name is longer than 300 characters."));

            if (Get("village_no") is { Length: > 0 } moo)
            {
                var digits = moo
                    .Replace("ม.", "", StringComparison.Ordinal)
                    .Replace("หมู่ที่", "", StringComparison.Ordinal)
                    .Trim();
                if (int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var no) && no is >= 1 and <= 999)
                    row.VillageNo = no;
                else row.Errors.Add(new("Village no. '{0}' is not a number between 1 and 999.", moo));
            }

            SubDistrict? sub = null;
            if (Get("sub_district_code") is { Length: > 0 } code)
            {
                if (!int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || !subById.TryGetValue(id, out sub))
                    row.Errors.Add(new("Sub-district code '{0}' is not on the official list.", code));
            }
            else
            {
                var pName = Clean(Get("province"), "จังหวัด", "จ.");
                var dName = Clean(Get("district"), "อำเภอ", "อ.", "เขต");
                var sName = Clean(Get("sub_district"), "ตำบล", "ต.", "แขวง");
                var province = provinces.FirstOrDefault(p => p.NameTh == pName || string.Equals(p.NameEn, pName, StringComparison.OrdinalIgnoreCase));
                if (pName.Length == 0) row.Errors.Add(new("The province is missing."));
                else if (province is null) row.Errors.Add(new("Province '{0}' is not on the official list.", pName));
                else
                {
                    var district = districts.FirstOrDefault(d => d.ProvinceId == province.Id &&
                        (Clean(d.NameTh, "เขต") == dName || d.NameTh == dName || string.Equals(d.NameEn, dName, StringComparison.OrdinalIgnoreCase)));
                    if (dName.Length == 0) row.Errors.Add(new("The district is missing."));
                    else if (district is null) row.Errors.Add(new("District '{0}' is not in province {1}.", dName, province.NameTh));
                    else
                    {
                        sub = subDistricts.FirstOrDefault(s => s.DistrictId == district.Id
                            && (s.NameTh == sName || string.Equals(s.NameEn, sName, StringComparison.OrdinalIgnoreCase)));
                        if (sName.Length == 0) row.Errors.Add(new("The sub-district is missing."));
                        else if (sub is null) row.Errors.Add(new("Sub-district '{0}' is not in district {1}.", sName, district.NameTh));
                    }
                }
            }
            if (sub is not null)
            {
                row.SubDistrictId = sub.Id;
                var d = districtById[sub.DistrictId];
                row.Place = $"{sub.NameTh} · {d.NameTh} · {provinceById[d.ProvinceId].NameTh}";
            }

            row.Latitude = Coordinate(Get("latitude"), 5, 21, "Latitude '{0}' is not within Thailand (5–21).", row);
            row.Longitude = Coordinate(Get("longitude"), 97, 106, "Longitude '{0}' is not within Thailand (97–106).", row);
            if ((row.Latitude is null) != (row.Longitude is null) && row.Errors.Count == 0)
                row.Errors.Add(new("Give both latitude and longitude, or neither."));
            row.ContactName = Limit(Get("contact_name"), 200, "contact_name", row);
            row.ContactPhone = Limit(Get("contact_phone"), 50, "contact_phone", row);
            row.ContactEmail = Limit(Get("contact_email"), 256, "contact_email", row);
            if (row.ContactEmail is { } email && !EmailAddresses.IsValid(email)) row.Errors.Add(new("E-mail '{0}' is not valid.", email));
            row.Notes = Limit(Get("notes"), 4000, "notes", row);
            foreach (var p in Get("partners").Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var org = organizations.FirstOrDefault(o =>
                    o.NameTh == p || o.ShortName == p || string.Equals(o.NameEn, p, StringComparison.OrdinalIgnoreCase));
                if (org is null) row.Errors.Add(new("Partner organisation '{0}' is not registered.", p));
                else if (!row.PartnerIds.Contains(org.Id)) row.PartnerIds.Add(org.Id);
            }

            if (row.SubDistrictId is { } sid && row.Name.Length > 0)
            {
                if (existing.Contains((sid, row.VillageNo, row.Name))) row.Errors.Add(new("This community is already registered."));
                else if (!seen.Add((sid, row.VillageNo, row.Name))) row.Errors.Add(new("This community appears twice in the file."));
            }
            result.Add(row);
        }
        return result;
    }

    /// <summary>Registers the valid rows of a pending import, once. Returns the number registered, or null if it was already confirmed.</summary>
    public async Task<int?> ConfirmAsync(Guid importId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.CommunityImports.Where(i => i.Id == importId && i.ConfirmedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ConfirmedAt, now), ct);
        if (claimed == 0) return null;
        var import = await db.CommunityImports.AsNoTracking().SingleAsync(i => i.Id == importId, ct);
        var rows = ReadRows(import).Where(r => r.Valid).ToList();
        var subIds = rows.Select(r => r.SubDistrictId!.Value).Distinct().ToList();
        var places = await (from s in db.SubDistricts
                            join d in db.Districts on s.DistrictId equals d.Id
                            join p in db.Provinces on d.ProvinceId equals p.Id
                            where subIds.Contains(s.Id)
                            select new { s, d, p }).AsNoTracking().ToDictionaryAsync(x => x.s.Id, ct);
        foreach (var r in rows)
        {
            var place = places[r.SubDistrictId!.Value];
            var c = new Community
            {
                Name = r.Name,
                VillageNo = r.VillageNo,
                Latitude = r.Latitude,
                Longitude = r.Longitude,
                ContactName = r.ContactName,
                ContactPhone = r.ContactPhone,
                ContactEmail = r.ContactEmail,
                Notes = r.Notes,
                CreatedAt = now,
                Partners = r.PartnerIds.Select(id => new CommunityPartner { OrganizationId = id }).ToList(),
            };
            c.PlaceIn(place.s, place.d, place.p);
            db.Communities.Add(c);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private static string Clean(string value, params string[] prefixes)
    {
        var v = value.Trim();
        foreach (var p in prefixes)
            if (v.StartsWith(p, StringComparison.Ordinal)) { v = v[p.Length..].Trim(); break; }
        return v;
    }

    private static decimal? Coordinate(string value, decimal min, decimal max, string error, ImportRow row)
    {
        if (value.Length == 0) return null;
        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return Math.Round(v, 6);
        row.Errors.Add(new(error, value));
        return null;
    }

    private static string? Limit(string value, int max, string column, ImportRow row)
    {
        if (value.Length == 0) return null;
        if (value.Length > max) row.Errors.Add(new("'{0}' is longer than {1} characters.", column, max.ToString(CultureInfo.InvariantCulture)));
        return value.Length > max ? value[..max] : value;
    }
}
