using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// The portal as a real operating-system process (the built Web dll under `dotnet`), so a fault test can SIGKILL it
/// mid-job and start it again, and a soak can read its memory. Output goes to a log file beside the mail folder.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly Dictionary<string, string> _environment;

    public string ConnectionString { get; }
    public string MailDirectory { get; }
    public string LogFile { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public int Starts { get; private set; }

    public PortalProcess(string connectionString, string workDirectory, IDictionary<string, string>? settings = null)
    {
        ConnectionString = connectionString;
        Directory.CreateDirectory(workDirectory);
        MailDirectory = Path.Combine(workDirectory, "mail");
        LogFile = Path.Combine(workDirectory, "portal.log");
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = connectionString,
            ["Jobs__Server"] = "true",
            ["Demo__Seed"] = "false",
            ["Mail__PickupDirectory"] = MailDirectory,
            ["App__PublicBaseUrl"] = "http://portal.test",
            ["RateLimits__SignInPerMinute"] = "100000",
            ["RateLimits__PublicPerMinute"] = "100000",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true",
            ["Pdpa__NationalIdKeys__1"] = TestKeys.NationalIdKey1,
            ["Pdpa__CurrentKeyId"] = "1",
            ["Pdpa__LookupKey"] = TestKeys.LookupKey,
            ["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        if (settings is not null) foreach (var (k, v) in settings) _environment[k] = v;
    }

    /// <summary>The repository root (the folder holding PartnerPrograms.sln) above this program.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPrograms.sln"))) return dir.FullName;
        throw new InvalidOperationException("PartnerPrograms.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Starts the process and waits until /health answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("already running");
        // The Web dll this program was built with (copied beside it by the project reference); content root = Web/.
        var dll = Path.Combine(AppContext.BaseDirectory, "PartnerPrograms.Web.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "--contentRoot", Path.Combine(RepositoryRoot(), "Web")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot(), "Web"),
        };
        foreach (var (k, v) in _environment) psi.Environment[k] = v;
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"---- start {++Starts} at {DateTime.UtcNow:O}");
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) { log.WriteLine($"---- exited at {DateTime.UtcNow:O}"); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal exited with {process.ExitCode}; see {LogFile}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The portal did not become healthy; see {LogFile}");
    }

    /// <summary>kill -9 of the portal and everything it started (Chromium): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: true); // SIGKILL on Linux
        await p.WaitForExitAsync();
    }

    /// <summary>
    /// An orderly stop (SIGTERM: the host stops, job servers let running jobs finish). True when the process exited by
    /// itself within 40 s; false when it had to be killed.
    /// </summary>
    public async Task<bool> StopAsync()
    {
        if (_process is not { HasExited: false } p) return true;
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await p.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return false;
        }
    }

    /// <summary>Resident memory of the portal process in MiB (from /proc), or null when it is not running.</summary>
    public double? ResidentMiB()
    {
        if (ProcessId is not { } pid) return null;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is null) return null;
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        catch (IOException) { return null; }
    }

    public HttpClient CreateClient(bool cookies = false) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies,
        CookieContainer = new CookieContainer(),
    })
    { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
