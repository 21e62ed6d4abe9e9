using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// What the deployment test cannot see by running the files: the limits and options an operator relies on without
/// noticing until the day they matter (a too-small upload limit, a stop timeout that kills running jobs, a secret the
/// template forgets, a unit without its hardening).
/// </summary>
public partial class DeployFilesTests
{
    private static readonly string[] Units = ["partnerprograms-web@.service", "partnerprograms-jobs.service"];

    [Fact]
    public void Nginx_accepts_the_largest_request_the_portal_accepts_and_not_much_more()
    {
        // RequestSizeGuard answers an over-limit upload in Thai; nginx must let such requests through to it.
        // The page models and their handlers, where the portal puts its [RequestSizeLimit]s.
        var limits = typeof(Program).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)))
            .SelectMany(t => t.GetCustomAttributes(inherit: true).Concat(
                t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                    .SelectMany(m => m.GetCustomAttributes(inherit: true))))
            .OfType<IRequestSizeLimitMetadata>().Select(m => m.MaxRequestBodySize ?? 0).ToList();
        limits.ShouldNotBeEmpty("[RequestSizeLimit] on the upload pages");
        var largest = limits.Max();

        var match = BodySize().Match(File.ReadAllText(NginxProxy.SitePath));
        match.Success.ShouldBeTrue("client_max_body_size in deploy/nginx/partnerprograms.conf");
        var nginx = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * (match.Groups[2].Value.ToLowerInvariant() == "m" ? 1024 * 1024 : 1024);
        nginx.ShouldBeGreaterThanOrEqualTo(largest, $"the portal accepts {largest:N0} bytes");
        nginx.ShouldBeLessThan(largest + 1024 * 1024, "nginx keeps larger bodies away from the portal");
    }

    [Theory]
    [InlineData("partnerprograms-web@.service", "false")]
    [InlineData("partnerprograms-jobs.service", "true")]
    public void Each_unit_runs_the_published_build_in_production_hardened_and_waits_for_the_app_to_stop(string name, string jobServer)
    {
        var unit = SystemdUnit.Load(name);
        var env = unit.Environment("5001");
        env["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        env["Jobs__Server"].ShouldBe(jobServer);
        unit.Single("EnvironmentFile").ShouldBe("/etc/partnerprograms/partnerprograms.env");
        unit.Single("ExecStart").ShouldBe("/usr/bin/dotnet /opt/partnerprograms/PartnerPrograms.Web.dll");
        unit.Single("User").ShouldNotBeOneOf("root", "0");

        // SIGTERM, and more time than the app takes at most (the host's shutdown timeout; Hangfire's 25 s fit within it).
        unit.Single("KillSignal").ShouldBe("SIGTERM");
        var stop = TimeSpan.FromSeconds(int.Parse(unit.Single("TimeoutStopSec"), CultureInfo.InvariantCulture));
        stop.ShouldBeGreaterThan(new Microsoft.Extensions.Hosting.HostOptions().ShutdownTimeout);

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["NoNewPrivileges"] = "true",
            ["ProtectSystem"] = "strict",
            ["ProtectHome"] = "true",
            ["PrivateTmp"] = "true",
            ["PrivateDevices"] = "true",
            ["RestrictSUIDSGID"] = "true",
            ["CapabilityBoundingSet"] = "",
        })
            unit.Single(key).ShouldBe(value, $"{name}: {key}");
        // The .NET JIT (and Chromium) need writable executable memory: this option would stop the portal at start.
        unit.All("MemoryDenyWriteExecute").ShouldBeEmpty();
    }

    [Fact]
    public async Task Systemd_accepts_the_units()
    {
        // systemd-analyze is part of Debian's systemd package; it checks every key and value without running anything.
        const string analyze = "/usr/bin/systemd-analyze";
        if (!File.Exists(analyze)) return;
        var dir = Directory.CreateTempSubdirectory("pp-units-").FullName;
        try
        {
            foreach (var unit in Units) File.Copy(SystemdUnit.Load(unit).Path, Path.Combine(dir, unit));
            File.Copy(Path.Combine(dir, Units[0]), Path.Combine(dir, "partnerprograms-web@5001.service"));
            var (exitCode, text) = await Command.RunAsync(analyze, ["verify", "--man=no",
                Path.Combine(dir, "partnerprograms-web@5001.service"), Path.Combine(dir, Units[1])]);
            // Only complaints about this machine (no dotnet at /usr/bin, no partnerprograms user) are not the files' fault.
            var complaints = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(".service", StringComparison.Ordinal)
                && !l.Contains("/usr/bin/dotnet", StringComparison.Ordinal)).ToList();
            complaints.ShouldBeEmpty();
            exitCode.ShouldBe(0, text);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void The_environment_template_lists_every_secret_empty_and_leaves_per_unit_settings_to_the_units()
    {
        var template = EnvironmentFile.Template();
        var values = template.Values();
        foreach (var secret in new[] { "Pdpa__NationalIdKeys__1", "Pdpa__LookupKey", "DataProtection__KeyEncryptionKey" })
            values[secret].ShouldBeEmpty($"{secret}: each installation generates its own");
        File.ReadAllText(EnvironmentFile.TemplatePath).ShouldContain("openssl rand -base64 32");
        template.Keys.ShouldContain("ConnectionStrings__Default");
        template.Keys.ShouldContain("App__PublicBaseUrl");
        template.Keys.ShouldContain("EmbeddedPostgres__Enabled");
        template.Keys.ShouldContain("Backup__Directory");
        template.Keys.ShouldContain("Backup__Keep");
        template.Keys.ShouldContain("Smtp__Host");
        // Set by each unit; in the shared file they would override the units (EnvironmentFile= wins) and, e.g., make
        // every web instance a job server.
        template.Keys.ShouldNotContain("ASPNETCORE_ENVIRONMENT");
        template.Keys.ShouldNotContain("ASPNETCORE_URLS");
        template.Keys.ShouldNotContain("Jobs__Server");

        // The development keys are public: none may appear in anything an operator copies.
        var development = File.ReadAllText(Path.Combine(PortalProcess.RepositoryRoot(), "Web", "appsettings.Development.json"));
        foreach (Match key in Base64Key().Matches(development))
            foreach (var file in new[] { EnvironmentFile.TemplatePath, NginxProxy.SitePath }.Concat(Units.Select(u => SystemdUnit.Load(u).Path)))
                File.ReadAllText(file).ShouldNotContain(key.Value);
    }

    [GeneratedRegex(@"^\s*client_max_body_size\s+(\d+)([mMkK]);", RegexOptions.Multiline)]
    private static partial Regex BodySize();

    [GeneratedRegex("[A-Za-z0-9+/]{43}=")]
    private static partial Regex Base64Key();
}
