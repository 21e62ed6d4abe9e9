using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// The real app (Program) on its own fresh database. Jobs do not run unless a test asks (Jobs:Server), demo
/// data is off, mail goes to a temporary pickup folder unless a test points it at an SMTP server.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>The national-ID protector with the tests' fixed keys: lookups (Hash) and reading raw columns in tests.</summary>
    public static PartnerPrograms.Domain.Privacy.NationalIdProtector NationalIds { get; } = new(
        new Dictionary<byte, byte[]> { [1] = Convert.FromBase64String(TestKeys.NationalIdKey1), [2] = Convert.FromBase64String(TestKeys.NationalIdKey2) },
        1, Convert.FromBase64String(TestKeys.LookupKey));

    public const string Password = "Test-Password-2563";
    public string ConnectionString { get; }
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "pp-mail-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<string, string?> _settings;

    static PortalFactory()
    {
        // Each host would watch its appsettings files; a test run starts dozens of hosts, and every watcher takes one of
        // the user's inotify instances (128 by default), shared with whatever else runs on the machine.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // asp-append-version watches wwwroot the same way: poll instead.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public PortalFactory(string connectionString, IDictionary<string, string?>? settings = null)
    {
        ConnectionString = connectionString;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Jobs:Server"] = "false",
            ["Demo:Seed"] = "false",
            ["RateLimits:SignInPerMinute"] = "1000",
            ["RateLimits:PublicPerMinute"] = "1000",
            ["RateLimits:PdfPerMinute"] = "1000",
            ["Mail:PickupDirectory"] = MailDirectory,
            ["App:PublicBaseUrl"] = "http://portal.test",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            ["Logging:Console:FormatterName"] = "simple",
            ["Pdpa:NationalIdKeys:1"] = TestKeys.NationalIdKey1,
            ["Pdpa:CurrentKeyId"] = "1",
            ["Pdpa:LookupKey"] = TestKeys.LookupKey,
            ["DataProtection:KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
        };
        if (settings is not null) foreach (var (k, v) in settings) _settings[k] = v;
    }

    /// <summary>The app on a database of its own, dropped again when the factory is disposed.</summary>
    public static async Task<PortalFactory> CreateAsync(IDictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(), settings) { _ownsDatabase = true };

    private bool _ownsDatabase;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>Runs code against a scope of the app's own services (the DbContext, UserManager …).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> action) => InScopeAsync(async sp => { await action(sp); return true; });

    public Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> action) => InScopeAsync(sp => action(sp.GetRequiredService<AppDbContext>()));

    public async Task<Organization> CreateOrganizationAsync(string nameTh, OrganizationKind kind = OrganizationKind.GovernmentDepartment)
    {
        return await DbAsync(async db =>
        {
            var org = new Organization { NameTh = nameTh, Kind = kind };
            db.Organizations.Add(org);
            await db.SaveChangesAsync();
            return org;
        });
    }

    /// <summary>Creates a user through Identity, as the invitation flow would, with the test password.</summary>
    public async Task<AppUser> CreateUserAsync(string email, string role, long? organizationId = null, long? traineeId = null, string? name = null)
    {
        return await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name ?? email.Split('@')[0],
                Role = role,
                OrganizationId = organizationId,
                TraineeId = traineeId,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await RoleSetup.SetRoleAsync(users, user, role);
            return user;
        });
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) try { Directory.Delete(MailDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // A full run makes a few hundred databases; kept to the end, they filled a CI disk (4 GB per run).
        if (_ownsDatabase) await TestDatabase.DropAsync(ConnectionString);
    }
}
