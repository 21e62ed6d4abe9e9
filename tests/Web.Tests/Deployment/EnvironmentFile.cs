using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// deploy/partnerprograms.env.example filled in as an operator would: the test sets only keys the template lists (so a
/// secret the portal needs but the template forgets fails the test), keeps the template's other lines as they are, and
/// reads the result back the way systemd's EnvironmentFile= does.
/// </summary>
public sealed class EnvironmentFile
{
    private readonly List<string> _lines;

    private EnvironmentFile(IEnumerable<string> lines) => _lines = lines.ToList();

    public static string TemplatePath => Path.Combine(PortalProcess.RepositoryRoot(), "deploy", "partnerprograms.env.example");

    public static EnvironmentFile Template() => new(File.ReadAllLines(TemplatePath));

    /// <summary>The keys of the template's active (not commented-out) lines.</summary>
    public IReadOnlyList<string> Keys => _lines.Select(Assignment).OfType<(string Key, string Value)>().Select(a => a.Key).ToList();

    /// <summary>Sets a key the template lists; quoted, as the template asks for values with spaces or ";".</summary>
    public EnvironmentFile Set(string key, string value)
    {
        var index = _lines.FindIndex(l => Assignment(l)?.Key == key);
        index.ShouldBeGreaterThanOrEqualTo(0, $"{key} is not listed in deploy/partnerprograms.env.example");
        _lines[index] = $"{key}=\"{value}\"";
        return this;
    }

    public void WriteTo(string path) => File.WriteAllLines(path, _lines);

    /// <summary>The variables a service gets from the file: every active line, quotes removed.</summary>
    public Dictionary<string, string> Values() =>
        _lines.Select(Assignment).OfType<(string Key, string Value)>().ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private static (string Key, string Value)? Assignment(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] is '#' or ';') return null;
        var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) return null;
        var value = trimmed[(eq + 1)..].Trim();
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0]) value = value[1..^1];
        return (trimmed[..eq].Trim(), value);
    }
}
