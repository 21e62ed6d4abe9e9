using System.Globalization;

namespace PartnerPrograms.Domain.Geography;

/// <summary>
/// The 77 provinces from an embedded CSV (kongvut/thai-province-data, MIT). People type a province as its Thai name,
/// its English name or its code; all three resolve to one province, stored by its Thai name.
/// </summary>
public static class ThaiProvinces
{
    private static readonly Lazy<IReadOnlyList<ThaiProvince>> Data = new(Load);
    public static IReadOnlyList<ThaiProvince> All => Data.Value;

    // Compacted names → province, built once: Find runs for every row of a 10,000-row import, and rebuilding 77
    // compacted names per call was most of the import's validation time. TryAdd keeps the first in list order, as
    // the FirstOrDefault scans did.
    private static readonly Lazy<(Dictionary<int, ThaiProvince> ByCode,
        Dictionary<string, ThaiProvince> ByThai,
        Dictionary<string, ThaiProvince> ByEnglish)> Index = new(() =>
    {
        var byCode = new Dictionary<int, ThaiProvince>();
        var byThai = new Dictionary<string, ThaiProvince>(StringComparer.Ordinal);
        var byEnglish = new Dictionary<string, ThaiProvince>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in All)
        {
            byCode.TryAdd(p.Code, p);
            byThai.TryAdd(Compact(p.NameTh), p);
            byEnglish.TryAdd(Compact(p.NameEn), p);
        }
        return (byCode, byThai, byEnglish);
    });

    public static ThaiProvince? Find(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = PartnerPrograms.Domain.Training.ThaiDigits.ToAscii(input).Trim();
        if (text.StartsWith("TH-", StringComparison.OrdinalIgnoreCase)) text = text[3..];
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            return Index.Value.ByCode.GetValueOrDefault(code);
        var compact = Compact(text);
        // "จ.ขอนแก่น", "จังหวัดขอนแก่น", "กทม." are how people write them.
        foreach (var prefix in new[] { "จังหวัด", "จ." })
            if (compact.StartsWith(prefix, StringComparison.Ordinal)) compact = compact[prefix.Length..];
        if (compact is "กทม." or "กทม" or "กรุงเทพ" or "กรุงเทพฯ") return Index.Value.ByCode.GetValueOrDefault(10);
        return Index.Value.ByThai.GetValueOrDefault(compact) ?? Index.Value.ByEnglish.GetValueOrDefault(compact);
    }

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && c != '-'));

    private static List<ThaiProvince> Load()
    {
        using var stream = typeof(ThaiProvinces).Assembly.GetManifestResourceStream("PartnerPrograms.Domain.Geography.provinces.csv")
            ?? throw new InvalidOperationException("provinces.csv is not embedded");
        using var reader = new StreamReader(stream);
        var list = new List<ThaiProvince>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            list.Add(new ThaiProvince(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2]));
        }
        return list.OrderBy(p => p.NameTh, ThaiCollation.Comparer).ToList();
    }
}
