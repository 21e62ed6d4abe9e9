using Npgsql;
using NpgsqlTypes;

namespace PartnerPrograms.Domain.Geography;

/// <summary>
/// Loads the official lists shipped in Geography/Data (kongvut/thai-province-data, MIT) into provinces, districts and
/// sub_districts. Idempotent and safe when several instances start at once: a transaction-level advisory lock, and it
/// only loads into empty tables. 8,500 rows by binary COPY take well under a second.
/// </summary>
public static class GeographyLoader
{
    private const long AdvisoryLockKey = 7_241_563_004;

    public sealed record ProvinceRow(int Id, string Code, string NameTh, string NameEn, Region Region);
    public sealed record DistrictRow(int Id, int ProvinceId, string NameTh, string NameEn);
    public sealed record SubDistrictRow(int Id, int DistrictId, string NameTh, string NameEn, string? PostalCode);

    public static IReadOnlyList<ProvinceRow> Provinces => Data.Value.Provinces;
    public static IReadOnlyList<DistrictRow> Districts => Data.Value.Districts;
    public static IReadOnlyList<SubDistrictRow> SubDistricts => Data.Value.SubDistricts;

    private static readonly Lazy<(List<ProvinceRow> Provinces, List<DistrictRow> Districts, List<SubDistrictRow> SubDistricts)> Data = new(Read);

    private static (List<ProvinceRow>, List<DistrictRow>, List<SubDistrictRow>) Read()
    {
        var districts = Rows("districts.csv")
            .Where(r => r["deleted_at"].Length == 0)
            .Select(r => new DistrictRow(int.Parse(r["id"]), int.Parse(r["province_id"]), r["name_th"].Trim(), r["name_en"].Trim()))
            .ToList();
        // The list numbers provinces 1–77; the DOPA code is the first two digits of its districts' codes.
        var codes = districts.GroupBy(d => d.ProvinceId).ToDictionary(g => g.Key, g => (g.Min(d => d.Id) / 100).ToString("00"));
        var provinces = Rows("provinces.csv")
            .Where(r => r["deleted_at"].Length == 0)
            .Select(r => new ProvinceRow(
                int.Parse(r["id"]),
                codes[int.Parse(r["id"])],
                r["name_th"].Trim(),
                r["name_en"].Trim(),
                (Region)int.Parse(r["geography_id"])))
            .ToList();
        var subDistricts = Rows("sub_districts.csv")
            .Where(r => r["deleted_at"].Length == 0)
            .Select(r => new SubDistrictRow(int.Parse(r["id"]), int.Parse(r["district_id"]), r["name_th"].Trim(), r["name_en"].Trim(),
                r["zip_code"] is { Length: 5 } zip ? zip : null))
            .ToList();
        return (provinces, districts, subDistricts);
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        using var stream = typeof(GeographyLoader).Assembly.GetManifestResourceStream("geography/" + file)
                           ?? throw new InvalidOperationException("Missing embedded geography file " + file);
        using var reader = new StreamReader(stream);
        // The files hold no quoted fields (checked when they were added): a plain split is exact.
        var header = reader.ReadLine()!.TrimStart('\uFEFF').Split(',');
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < cells.Length ? cells[i] : "";
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Fills the three tables if they are empty; returns true when it loaded them.</summary>
    public static async Task<bool> EnsureLoadedAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var probe = new NpgsqlCommand("select exists(select 1 from sub_districts)", conn))
            if ((bool)(await probe.ExecuteScalarAsync(ct))!) return false;

        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_xact_lock({AdvisoryLockKey})", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        await using (var again = new NpgsqlCommand("select exists(select 1 from sub_districts)", conn, tx))
            if ((bool)(await again.ExecuteScalarAsync(ct))!) return false;
        await using (var clear = new NpgsqlCommand("delete from districts; delete from provinces;", conn, tx))
            await clear.ExecuteNonQueryAsync(ct);

        await using (var w = await conn.BeginBinaryImportAsync("copy provinces (id, code, name_th, name_en, region) from stdin (format binary)", ct))
        {
            foreach (var p in Provinces)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.Code, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.NameTh, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.NameEn, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.Region.ToString(), NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync("copy districts (id, province_id, name_th, name_en) from stdin (format binary)", ct))
        {
            foreach (var d in Districts)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(d.Id, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(d.ProvinceId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(d.NameTh, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(d.NameEn, NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
                         "copy sub_districts (id, district_id, name_th, name_en, postal_code) from stdin (format binary)", ct))
        {
            foreach (var s in SubDistricts)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(s.Id, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(s.DistrictId, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(s.NameTh, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(s.NameEn, NpgsqlDbType.Varchar, ct);
                if (s.PostalCode is null) await w.WriteNullAsync(ct);
                else await w.WriteAsync(s.PostalCode, NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }
}
