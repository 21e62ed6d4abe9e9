using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// A unit file from deploy/systemd read the way systemd reads the parts the deployment test needs: the [Service]
/// settings, Environment= assignments with %i expanded, and the EnvironmentFile (values from the file win, as in
/// systemd). The test runs the portal with exactly that environment, so a wrong line in a unit fails the test.
/// </summary>
public sealed class SystemdUnit
{
    private readonly List<(string Section, string Key, string Value)> _settings = [];

    public string Path { get; }

    private SystemdUnit(string path)
    {
        Path = path;
        var section = "";
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.StartsWith('[')) { section = line.Trim('[', ']'); continue; }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) _settings.Add((section, line[..eq].Trim(), line[(eq + 1)..].Trim()));
        }
    }

    public static SystemdUnit Load(string name) =>
        new(System.IO.Path.Combine(PortalProcess.RepositoryRoot(), "deploy", "systemd", name));

    /// <summary>Every value of a [Service] setting, in order (Environment= may appear many times).</summary>
    public IReadOnlyList<string> All(string key) => _settings.Where(s => s.Section == "Service" && s.Key == key).Select(s => s.Value).ToList();

    public string Single(string key) => All(key).ShouldHaveSingleItem($"{System.IO.Path.GetFileName(Path)}: {key}=");

    /// <summary>Environment= assignments (several per line allowed, double quotes honoured) with %i replaced.</summary>
    public Dictionary<string, string> Environment(string? instance = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in All("Environment"))
            foreach (var word in Words(line))
            {
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                eq.ShouldBeGreaterThan(0, $"{System.IO.Path.GetFileName(Path)}: Environment={line}");
                result[word[..eq]] = Expand(word[(eq + 1)..], instance);
            }
        return result;
    }

    public static string Expand(string value, string? instance)
    {
        if (value.Contains("%i", StringComparison.Ordinal))
            value = value.Replace("%i", instance ?? throw new InvalidOperationException("%i needs an instance name"), StringComparison.Ordinal);
        return value.Replace("%%", "%", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Words(string line)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
