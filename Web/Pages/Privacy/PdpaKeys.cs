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
}
