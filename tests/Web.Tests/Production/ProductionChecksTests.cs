using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>
/// Outside Development the portal refuses to start without its keys, with public keys, or without a database, and
/// one message names every setting to fix; with proper settings it starts and never seeds the demo accounts.
/// </summary>
public class ProductionChecksTests
{
    private static readonly string[] KeySettings = ["Pdpa:NationalIdKeys:1", "Pdpa:CurrentKeyId", "Pdpa:LookupKey", "DataProtection:KeyEncryptionKey"];

    private static Dictionary<string, string?> ProperKeys() => new()
    {
        ["Pdpa:NationalIdKeys:1"] = NationalIdProtector.NewKey(),
        ["Pdpa:CurrentKeyId"] = "1",
        ["Pdpa:LookupKey"] = NationalIdProtector.NewKey(),
        ["DataProtection:KeyEncryptionKey"] = NationalIdProtector.NewKey(),
    };

    private static string EnvironmentVariable(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The values in Web/appsettings.Development.json, read from the file itself.</summary>
    private static JsonElement DevelopmentPdpa() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(PortalProcess.RepositoryRoot(), "Web", "appsettings.Development.json"))).RootElement.GetProperty("Pdpa");

    private static string PublicValue(string setting, string kind) => (kind, setting) switch
    {
        ("development", "Pdpa:LookupKey") => DevelopmentPdpa().GetProperty("LookupKey").GetString()!,
        // The development settings have no key-encryption key: any of their published keys will do.
        ("development", _) => DevelopmentPdpa().GetProperty("NationalIdKeys").GetProperty("1").GetString()!,
        ("test", "Pdpa:LookupKey") => TestKeys.LookupKey,
        ("test", "DataProtection:KeyEncryptionKey") => TestKeys.KeyEncryptionKey,
        ("test", _) => TestKeys.NationalIdKey1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("Pdpa:NationalIdKeys:1", "missing")]
    [InlineData("Pdpa:CurrentKeyId", "missing")]
    [InlineData("Pdpa:LookupKey", "missing")]
    [InlineData("DataProtection:KeyEncryptionKey", "missing")]
    [InlineData("Pdpa:NationalIdKeys:1", "development")]
    [InlineData("Pdpa:LookupKey", "development")]
    [InlineData("DataProtection:KeyEncryptionKey", "development")]
    [InlineData("Pdpa:NationalIdKeys:1", "test")]
    [InlineData("Pdpa:LookupKey", "test")]
    [InlineData("DataProtection:KeyEncryptionKey", "test")]
    public async Task In_production_a_missing_or_public_key_stops_the_start_with_a_message_naming_it(string setting, string kind)
    {
        var settings = ProperKeys();
        settings[setting] = kind == "missing" ? "" : PublicValue(setting, kind);
        await using var app = new ProductionFactory(await TestDatabase.CreateAsync(), settings);

        var e = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        e.Message.ShouldContain("will not start in the environment 'Production'");
        e.Message.ShouldContain(EnvironmentVariable(setting));
        e.Message.ShouldContain(kind == "missing" ? "missing" : "public");
        foreach (var other in KeySettings.Where(s => s != setting)) e.Message.ShouldNotContain(EnvironmentVariable(other));
    }

    [Fact]
    public async Task Staging_without_anything_gets_one_message_naming_every_setting_and_no_embedded_server()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "pp-nodb-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = KeySettings.ToDictionary(s => s, _ => (string?)"");
        settings["ConnectionStrings:Default"] = "";
        settings["EmbeddedPostgres:DataDirectory"] = dataDirectory;
        await using var app = new ProductionFactory("", settings, "Staging");

        var e = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        e.Message.ShouldContain("'Staging'");
        foreach (var setting in KeySettings.Append("ConnectionStrings:Default").Append("EmbeddedPostgres:Enabled"))
            e.Message.ShouldContain(EnvironmentVariable(setting));
        e.Message.ShouldContain("National-ID encryption keys are not configured");
        Directory.Exists(dataDirectory).ShouldBeFalse("no PostgreSQL of its own unless EmbeddedPostgres:Enabled=true");
    }

    [Fact]
    public async Task In_production_with_proper_settings_it_starts_and_seeds_no_demo_data_whatever_Demo_Seed_says()
    {
        var settings = ProperKeys();
        settings["Demo:Seed"] = "true";
        settings["Demo:Password"] = "Demo-Partner-2563";
        await using var app = new ProductionFactory(await TestDatabase.CreateAsync(), settings);

        (await app.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Even asked directly, the seeder adds nothing outside Development (and Testing, where the tests' fixtures use it).
        await app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        (await app.DbAsync(db => db.Users.CountAsync())).ShouldBe(0);
        (await app.DbAsync(db => db.Organizations.CountAsync())).ShouldBe(0);
        var signIn = await app.CreateBrowserClient().GetAsync("/Account/Login");
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_tests_keys_pass_in_Testing_only_and_the_public_key_list_matches_the_repository()
    {
        var testKeys = typeof(TestKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        testKeys.ShouldNotBeEmpty();
        foreach (var key in testKeys) PublicKeys.Tests.ShouldContain(key);
        var pdpa = DevelopmentPdpa();
        PublicKeys.Development.ShouldContain(pdpa.GetProperty("LookupKey").GetString()!);
        foreach (var key in pdpa.GetProperty("NationalIdKeys").EnumerateObject()) PublicKeys.Development.ShouldContain(key.Value.GetString()!);

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Host=db.internal",
            ["Pdpa:NationalIdKeys:1"] = TestKeys.NationalIdKey1,
            ["Pdpa:CurrentKeyId"] = "1",
            ["Pdpa:LookupKey"] = TestKeys.LookupKey,
            ["DataProtection:KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
        }).Build();
        ProductionChecks.Problems(config, new HostingEnvironment { EnvironmentName = "Testing" }).ShouldBeEmpty();
        ProductionChecks.Problems(config, new HostingEnvironment { EnvironmentName = "Production" }).Count.ShouldBe(3);
        ProductionChecks.Problems(config, new HostingEnvironment { EnvironmentName = "Development" }).ShouldBeEmpty();
    }
}
