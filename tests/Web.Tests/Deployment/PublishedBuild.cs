using System.Diagnostics;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// `dotnet publish -c Release` of the portal into a folder: what README.md's production steps copy to
/// /opt/partnerprograms. The restore was done by the build that compiled these tests.
/// </summary>
public static class PublishedBuild
{
    /// <summary>Publishes into <paramref name="folder"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> PublishAsync(string folder)
    {
        var root = PortalProcess.RepositoryRoot();
        var watch = Stopwatch.StartNew();
        // -nodeReuse:false: no idle MSBuild nodes stay behind after the test run.
        var (exitCode, output) = await Command.RunAsync("dotnet",
            ["publish", Path.Combine(root, "Web", "Web.csproj"), "-c", "Release", "-o", folder, "--no-restore", "-nologo",
             "-nodeReuse:false", "-v", "minimal"],
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            root, TimeSpan.FromMinutes(10));
        exitCode.ShouldBe(0, "dotnet publish -c Release:\n" + output);
        File.Exists(Path.Combine(folder, "PartnerPrograms.Web.dll")).ShouldBeTrue();
        return watch.Elapsed;
    }
}
