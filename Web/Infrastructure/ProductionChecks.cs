using PartnerPrograms.Web.Pages.Privacy;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Outside Development the portal does not start half-configured: every key it needs must be set, well-formed and
/// not one of the public keys in this repository, and it must know its database. One message names every setting
/// to fix, rather than one failure per start. Development keeps its fixed keys and falls back to the embedded server.
/// </summary>
public static class ProductionChecks
{
    public static void EnsureSafeToStart(IConfiguration config, IHostEnvironment env)
    {
        var problems = Problems(config, env);
        if (problems.Count == 0) return;
        var message =
            $"The portal will not start in the environment '{env.EnvironmentName}'. Fix these settings (environment variable in brackets):" +
            string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)) + Environment.NewLine +
            "Generate each key with `openssl rand -base64 32`, a different one per setting, and keep them outside the database and its " +
            "backups (README, 'Configuration'). `make run` and `dotnet run --project Web` are for trying the portal out (Development).";
        Console.Error.WriteLine(message);
        throw new InvalidOperationException(message);
    }

    public static IReadOnlyList<string> Problems(IConfiguration config, IHostEnvironment env)
    {
        if (env.IsDevelopment()) return [];
        // The tests run as "Testing" with their own published keys; Production, Staging and the rest may not.
        var testKeysAllowed = env.IsEnvironment("Testing");
        var problems = new List<string>(PdpaKeys.Problems(config, testKeysAllowed));
        if (PublicKeys.Problem(config["DataProtection:KeyEncryptionKey"], testKeysAllowed) is { } kek)
            problems.Add($"{Setting("DataProtection:KeyEncryptionKey")}: {kek} (it encrypts the sign-in keys stored in the database)");
        if (DatabaseSetup.MissingDatabaseSetting(config, env) is { } database) problems.Add(database);
        return problems;
    }

    /// <summary>"Pdpa:LookupKey [Pdpa__LookupKey]": the name in appsettings and as an environment variable.</summary>
    public static string Setting(string key) => $"{key} [{key.Replace(":", "__", StringComparison.Ordinal)}]";
}
