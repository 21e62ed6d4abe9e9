using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Verbs run instead of the web server: `create-admin --email E` (password from ADMIN_PASSWORD or a prompt) creates
/// the first admin in production; `rotate-national-id-keys` re-encrypts national IDs under Pdpa:CurrentKeyId;
/// `schema-script` prints the DDL of the EF model (the starting point of a new SQL migration; dotnet ef is not
/// available here) without touching the database; `restore --from FILE [--force]` puts a backup back (before the
/// schema is touched: RunBeforeStartAsync).
/// </summary>
public sealed record CommandLine(string? Verb, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>False for verbs that must not migrate or convert anything first.</summary>
    public bool NeedsSchema => Verb != "schema-script";

    public static CommandLine Parse(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = verb is null ? 0 : 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            // "--force" is a flag; "--from FILE" takes the next argument.
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }
        return new CommandLine(verb, options);
    }

    /// <summary>
    /// Verbs that run before the portal touches the schema (migrations would fill the empty database a restore
    /// needs): `restore --from FILE [--force]`. True when one ran; the process then exits with its code.
    /// </summary>
    public static async Task<bool> RunBeforeStartAsync(CommandLine cli, PortalDatabase database)
    {
        if (cli.Verb != "restore") return false;
        if (!cli.Options.TryGetValue("from", out var file) || file == "true")
        {
            await Console.Error.WriteLineAsync("Usage: restore --from FILE [--force]  (a pg_dump -Fc backup, " +
                                               "e.g. from Backup:Directory; --force replaces a database that is not empty)");
            Environment.ExitCode = 2;
        }
        else
        {
            Environment.ExitCode = await PartnerPrograms.Jobs.Backup.DatabaseRestore.RunAsync(Path.GetFullPath(file), cli.Options.ContainsKey("force"),
                database.ConnectionString, database.Embedded?.BinDirectory ?? EmbeddedPostgres.FindBinDirectory(), Console.Out, Console.Error);
        }
        await database.DisposeAsync();
        return true;
    }

    public static async Task<int> RunAsync(CommandLine cli, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        switch (cli.Verb)
        {
            case "create-admin":
                return await CreateAdminAsync(cli, scope.ServiceProvider);
            case "rotate-national-id-keys":
                {
                    // After adding Pdpa:NationalIdKeys:<new id> and setting Pdpa:CurrentKeyId to it (README, "Personal data (PDPA)").
                    var result = await scope.ServiceProvider.GetRequiredService<PartnerPrograms.Web.Pages.Privacy.NationalIdMaintenance>()
                        .RotateAsync(scope.ServiceProvider.GetRequiredService<PortalDatabase>().ConnectionString);
                    var keyId = scope.ServiceProvider.GetRequiredService<PartnerPrograms.Domain.Privacy.NationalIdProtector>()
                        .CurrentKeyId;
                    Console.WriteLine($"National IDs: {result.Reencrypted} re-encrypted under key {keyId}, " +
                                      $"{result.Rehashed} re-hashed, {result.Total} checked.");
                    return 0;
                }
            case "schema-script":
                Console.WriteLine(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{cli.Verb}'. Commands: create-admin --email E, " +
                                                   "rotate-national-id-keys, schema-script, restore --from FILE [--force].");
                return 2;
        }
    }

    private static async Task<int> CreateAdminAsync(CommandLine cli, IServiceProvider sp)
    {
        if (!cli.Options.TryGetValue("email", out var email) || !email.Contains('@', StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email admin@example.org (password from ADMIN_PASSWORD or a prompt)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (Console.IsInputRedirected) { await Console.Error.WriteLineAsync("Set ADMIN_PASSWORD or run interactively."); return 2; }
            Console.Write("Password for " + email + ": ");
            password = ReadHidden();
        }
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await Console.Error.WriteLineAsync($"A user with e-mail {email} already exists; nothing changed.");
            return 1;
        }
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", Role = Roles.Admin };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await RoleSetup.SetRoleAsync(users, user, Roles.Admin);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync(e.Description);
            return 1;
        }
        Console.WriteLine($"Created admin {email}.");
        return 0;
    }

    private static string ReadHidden()
    {
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); }
            else chars.Add(key.KeyChar);
        }
        Console.WriteLine();
        return new string([.. chars]);
    }
}
