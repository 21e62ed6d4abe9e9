using System.Text.Json;

namespace PartnerPrograms.Web.Infrastructure;

public static class ThaiStrings
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(() => LoadCore(".th.json"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> English = new(() => LoadCore(".en.json"));
    public static IReadOnlyDictionary<string, string> Load() => All.Value;
    /// <summary>English text for keys that are not English themselves (e.g. "Role:Admin" → "Administrator").</summary>
    public static IReadOnlyDictionary<string, string> LoadEnglish() => English.Value;

    private static Dictionary<string, string> LoadCore(string suffix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var asm = typeof(ThaiStrings).Assembly;
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            foreach (var (k, v) in map) result[k] = v;
        }
        return result;
    }
}
