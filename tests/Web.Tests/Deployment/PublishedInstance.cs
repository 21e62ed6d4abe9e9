using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// One unit of deploy/systemd as systemd would run it: its ExecStart (the published DLL under `dotnet`), its
/// WorkingDirectory, its environment plus the environment file; stopped with its KillSignal (SIGTERM) and given its
/// TimeoutStopSec. Output goes to a log file, as it would go to the journal.
/// </summary>
public sealed class PublishedInstance : IAsyncDisposable
{
    private readonly Process _process;

    public string Name { get; }
    public int Port { get; }
    public string LogFile { get; }
    public int ProcessId => _process.Id;

    private PublishedInstance(string name, int port, Process process, string logFile)
    {
        Name = name;
        Port = port;
        _process = process;
        LogFile = logFile;
    }

    /// <summary>
    /// Starts <paramref name="unit"/> with the application folder at <paramref name="appDirectory"/> instead of the
    /// unit's /opt/partnerprograms, on a loopback port the test chose.
    /// </summary>
    public static PublishedInstance Start(SystemdUnit unit, string? instance, int port, string appDirectory,
        IReadOnlyDictionary<string, string> environmentFile, string logDirectory)
    {
        var workingDirectory = unit.Single("WorkingDirectory");
        var exec = unit.Single("ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        exec.Length.ShouldBe(2, "ExecStart runs dotnet with the published DLL");
        Path.GetFileName(exec[0]).ShouldBe("dotnet");
        exec[1].ShouldBe(workingDirectory + "/PartnerPrograms.Web.dll", "ExecStart runs the DLL published into the WorkingDirectory");

        var environment = unit.Environment(instance);
        var url = environment["ASPNETCORE_URLS"];
        url.ShouldStartWith("http://127.0.0.1:", customMessage: $"{unit.Path}: the portal listens on loopback only");
        // A template unit's instance name is its port; a plain unit's fixed port is swapped for a free one.
        if (instance is not null) url.ShouldBe($"http://127.0.0.1:{port}", $"{unit.Path}: the instance name is the port");
        else environment["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        foreach (var (k, v) in environmentFile) environment[k] = v; // EnvironmentFile= wins over Environment=, as in systemd

        var name = Path.GetFileNameWithoutExtension(unit.Path).Replace("@", "@" + instance, StringComparison.Ordinal);
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(appDirectory, "PartnerPrograms.Web.dll")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = appDirectory,
        };
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var logFile = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        log.WriteLine($"---- started at {DateTime.UtcNow:O}");
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.WriteLine($"---- exited with {process.ExitCode} at {DateTime.UtcNow:O}"); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PublishedInstance(name, port, process, logFile);
    }

    /// <summary>Waits until /health on the instance's own loopback port answers 200.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} did not become healthy in {timeout}:\n{Tail()}");
    }

    /// <summary>SIGTERM, as systemctl stop sends it; the exit code, or null when it was still running after the timeout.</summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return _process.ExitCode;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) { return null; }
    }

    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return string.Join('\n', new StreamReader(stream).ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException) { return "(no log)"; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
