using System.Text.Json;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The texts of Resources/&lt;Feature&gt;.th.json (and .en.json for code keys), one file per feature. A key may mean
/// different things in two features ("Title": an MOU's ชื่อเรื่อง, a person's คำนำหน้า), so each file is also kept
/// on its own: a page looks in its feature's file first (<see cref="JsonStringLocalizer"/>).
/// </summary>
public static class ThaiStrings
{
    private static readonly Lazy<Strings> Thai = new(() => LoadCore(".th.json"));
    private static readonly Lazy<Strings> EnglishTexts = new(() => LoadCore(".en.json"));

    /// <summary>Every Thai text, all features merged (a key two features define differently: the later file's).</summary>
    public static IReadOnlyDictionary<string, string> Load() => Thai.Value.All;

    /// <summary>English text for keys that are not English themselves (e.g. "Role:Admin" → "Administrator").</summary>
    public static IReadOnlyDictionary<string, string> LoadEnglish() => EnglishTexts.Value.All;

    /// <summary>The Thai texts of each feature's own file, by feature name (the file name: "Mous", "Training" …).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ThaiByFeature() => Thai.Value.ByFeature;

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> EnglishByFeature() =>
        EnglishTexts.Value.ByFeature;

    public sealed record Strings(
        IReadOnlyDictionary<string, string> All,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByFeature);

    private static Strings LoadCore(string suffix)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        var byFeature = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var asm = typeof(ThaiStrings).Assembly;
        var names = asm.GetManifestResourceNames()
            .Where(n => n.EndsWith(suffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            foreach (var (k, v) in map) all[k] = v;
            var feature = Path.GetFileName(name)[..^suffix.Length];
            byFeature[feature] = map;
        }
        return new Strings(all, byFeature);
    }
}
