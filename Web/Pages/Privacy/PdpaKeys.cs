using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// The national-ID keys from configuration: Pdpa:NationalIdKeys:&lt;id&gt; (base64, 32 bytes each), Pdpa:CurrentKeyId,
/// Pdpa:LookupKey (base64, 32 bytes). Development has fixed keys in appsettings.Development.json and the tests in
/// PortalFactory; anywhere else they must come from the environment or a secret store, or the portal does not start.
/// </summary>
public static class PdpaKeys
{
    public static NationalIdProtector Load(IConfiguration config)
    {
        var section = config.GetSection("Pdpa");
        var keys = section.GetSection("NationalIdKeys").GetChildren()
            .Where(k => !string.IsNullOrWhiteSpace(k.Value)).Select(k => new KeyValuePair<string, string>(k.Key, k.Value!)).ToList();
        var current = section["CurrentKeyId"];
        var lookup = section["LookupKey"];
        if (keys.Count == 0 || string.IsNullOrWhiteSpace(current) || string.IsNullOrWhiteSpace(lookup))
            throw new InvalidOperationException(
                "National-ID encryption keys are not configured, so the portal will not start (PDPA). Set Pdpa__NationalIdKeys__1 and " +
                "Pdpa__LookupKey (each 32 random bytes, base64, e.g. `openssl rand -base64 32`) and Pdpa__CurrentKeyId=1; see README, " +
                "'Personal data (PDPA)'. Keep them outside the database and its backups.");
        try { return NationalIdProtector.FromBase64(keys, current, lookup); }
        catch (ArgumentException e) { throw new InvalidOperationException("The national-ID keys are invalid: " + e.Message, e); }
    }

    /// <summary>
    /// What is wrong with the keys for a start outside Development (ProductionChecks): each missing, malformed or
    /// public key, by setting name. The tests' published keys pass only where <paramref name="testKeysAllowed"/>.
    /// </summary>
    public static IEnumerable<string> Problems(IConfiguration config, bool testKeysAllowed)
    {
        const string notConfigured = "National-ID encryption keys are not configured (PDPA)";
        var section = config.GetSection("Pdpa");
        var keys = section.GetSection("NationalIdKeys").GetChildren().Where(k => !string.IsNullOrWhiteSpace(k.Value)).ToList();
        if (keys.Count == 0) yield return $"{ProductionChecks.Setting("Pdpa:NationalIdKeys:1")}: missing. {notConfigured}";
        foreach (var key in keys)
        {
            var name = ProductionChecks.Setting("Pdpa:NationalIdKeys:" + key.Key);
            if (!byte.TryParse(key.Key, System.Globalization.CultureInfo.InvariantCulture, out var id) || id == 0)
                yield return $"{name}: the key id must be a number from 1 to 255";
            if (PublicKeys.Problem(key.Value, testKeysAllowed) is { } problem) yield return $"{name}: {problem}";
        }
        var current = section["CurrentKeyId"];
        if (string.IsNullOrWhiteSpace(current))
            yield return $"{ProductionChecks.Setting("Pdpa:CurrentKeyId")}: missing "
                + $"(the id of the key new national IDs are encrypted with, e.g. 1). {notConfigured}";
        else if (keys.Count > 0 && keys.All(k => k.Key != current.Trim()))
            yield return $"{ProductionChecks.Setting("Pdpa:CurrentKeyId")}: '{current}' names no configured Pdpa:NationalIdKeys:<id>";
        var lookup = section["LookupKey"];
        if (PublicKeys.Problem(lookup, testKeysAllowed) is { } lookupProblem)
            yield return $"{ProductionChecks.Setting("Pdpa:LookupKey")}: {lookupProblem}" + (lookupProblem == "missing" ? $". {notConfigured}" : "");
        else if (keys.Any(k => string.Equals(k.Value?.Trim(), lookup?.Trim(), StringComparison.Ordinal)))
            yield return $"{ProductionChecks.Setting("Pdpa:LookupKey")}: must differ from the encryption keys";
    }
}
