using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// Runs a PostgreSQL server from the machine's own server binaries in a data folder that survives restarts.
/// Used by the app when no connection string is configured, and by the tests for a throwaway server per run.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string DatabaseUser = "app";
    public const int SupportedMajorVersion = 15;

    private readonly ILogger _logger;
    private bool _startedByUs;

    public string DataDirectory { get; }
    public string BinDirectory { get; }
    public int Port { get; private set; }

    private EmbeddedPostgres(string dataDirectory, string binDirectory, ILogger logger)
    {
        DataDirectory = dataDirectory;
        BinDirectory = binDirectory;
        _logger = logger;
    }

    public string ConnectionString(string database = "partnerprograms") =>
        $"Host=127.0.0.1;Port={Port};Username={DatabaseUser};Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Starts (or reuses) a server for <paramref name="dataDirectory"/> and makes sure <paramref name="database"/> exists.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, string database = "partnerprograms",
        ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var bin = FindBinDirectory() ?? throw new EmbeddedPostgresException(
            $"PostgreSQL {SupportedMajorVersion} server binaries were not found (looked in /usr/lib/postgresql/*/bin and PG_BIN). " +
            "Install them with `apt-get install postgresql-15` (the Makefile does this when run as root), " +
            "or set ConnectionStrings:Default to an existing server.");
        var server = new EmbeddedPostgres(Path.GetFullPath(dataDirectory), bin, logger);
        await server.InitialiseAsync(ct);
        await server.EnsureRunningAsync(ct);
        await server.EnsureDatabaseAsync(database, ct);
        return server;
    }

    public static string? FindBinDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "pg_ctl"))) return fromEnv;
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(d => (dir: Path.Combine(d, "bin"), ok: int.TryParse(Path.GetFileName(d), out var v), v))
            .Where(x => x.ok && File.Exists(Path.Combine(x.dir, "pg_ctl")))
            .OrderByDescending(x => x.v == SupportedMajorVersion).ThenByDescending(x => x.v)
            .Select(x => x.dir).FirstOrDefault();
    }

    private int BinMajorVersion => int.TryParse(Path.GetFileName(Path.GetDirectoryName(BinDirectory)), out var v) ? v : 0;

    private async Task InitialiseAsync(CancellationToken ct)
    {
        var versionFile = Path.Combine(DataDirectory, "PG_VERSION");
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            if (!File.Exists(versionFile))
                throw new EmbeddedPostgresException(
                    $"'{DataDirectory}' is not empty and is not a PostgreSQL data directory. Nothing was changed: " +
                    "point EmbeddedPostgres:DataDirectory at an empty or existing data folder.");
            var folderVersion = (await File.ReadAllTextAsync(versionFile, ct)).Trim();
            if (folderVersion != BinMajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new EmbeddedPostgresException(
                    $"'{DataDirectory}' holds a PostgreSQL {folderVersion} cluster but the server binaries are version {BinMajorVersion}. " +
                    "Nothing was changed: upgrade the folder with pg_upgrade, or use another EmbeddedPostgres:DataDirectory.");
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        PrepareOwnership();
        _logger.LogInformation("Creating a PostgreSQL data directory in {DataDirectory}", DataDirectory);
        await RunAsync("initdb", ["-D", DataDirectory, "--auth=trust", "-U", DatabaseUser, "-E", "UTF8", "--locale=C.UTF-8"], ct);
    }

    private async Task EnsureRunningAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            // A server for this folder may already be running (another instance of the app, or a previous run):
            // the pid file's fourth line is its port. pg_ctl status tells whether the pid is alive.
            var lines = await File.ReadAllLinesAsync(pidFile, ct);
            var status = await RunAsync("pg_ctl", ["status", "-D", DataDirectory], ct, throwOnError: false);
            if (status.ExitCode == 0 && lines.Length > 3 && int.TryParse(lines[3], out var runningPort))
            {
                Port = runningPort;
                _logger.LogInformation("Using the PostgreSQL server already running for {DataDirectory} on port {Port}", DataDirectory, Port);
                return;
            }
        }

        Port = FreePort();
        await StartServerAsync(ct);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on";
        await RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options], ct);
        _startedByUs = true;
        _logger.LogInformation("Started PostgreSQL for {DataDirectory} on 127.0.0.1:{Port}", DataDirectory, Port);
    }

    /// <summary>
    /// Fault injection (tests, soak): stops the server as an outage would, without touching this process's connection
    /// pools (clients find their connections broken, as they would in production). "fast" rolls back open
    /// transactions and disconnects; "immediate" is a crash (no checkpoint; WAL recovery on the next start).
    /// </summary>
    public async Task KillServerAsync(bool immediate = false)
    {
        await RunAsync("pg_ctl", ["stop", "-w", "-m", immediate ? "immediate" : "fast", "-D", DataDirectory], CancellationToken.None);
        _startedByUs = false;
    }

    /// <summary>Starts the server again on the same port, so connection strings handed out before stay valid.</summary>
    public Task RestartOnSamePortAsync(CancellationToken ct = default) => StartServerAsync(ct);

    /// <summary>The folder of pg_dump/pg_restore/psql that belong to this server's version.</summary>
    public string Tool(string name) => Path.Combine(BinDirectory, name);

    private async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"create database \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
            try { await create.ExecuteNonQueryAsync(ct); }
            catch (Npgsql.PostgresException e) when (e.SqlState == "42P04") { /* created meanwhile by another instance */ }
        }
    }

    public async Task StopAsync()
    {
        if (!_startedByUs) return;
        _startedByUs = false;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_ctl", ["stop", "-w", "-m", "fast", "-D", DataDirectory], CancellationToken.None, throwOnError: false);
        _logger.LogInformation("Stopped PostgreSQL for {DataDirectory}", DataDirectory);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>PostgreSQL refuses to run as root: when we are root the server runs as the postgres OS user,
    /// which must own the data folder and be able to reach it through every parent.</summary>
    private void PrepareOwnership()
    {
        if (!RunningAsRoot) return;
        RunSync("chown", "-R", "postgres:postgres", DataDirectory);
        RunSync("chmod", "700", DataDirectory);
        for (var dir = Path.GetDirectoryName(DataDirectory); !string.IsNullOrEmpty(dir) && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                if (dir == "/root" || dir.StartsWith("/root/", StringComparison.Ordinal))
                    throw new EmbeddedPostgresException(
                        $"The data folder '{DataDirectory}' is under /root, which the postgres user cannot reach. " +
                        "Put the repository (or EmbeddedPostgres:DataDirectory) somewhere else, e.g. under /srv or /work.");
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static void RunSync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(BinDirectory, tool);
        var psi = RunningAsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", exe, .. args])
                                : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresException($"Could not start {exe}");
        // pg_ctl start leaves the server holding inherited pipes; read stderr/stdout only until pg_ctl itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, ct))) is Task<string[]> both
            ? string.Join('\n', await both) : "";
        if (throwOnError && process.ExitCode != 0)
            throw new EmbeddedPostgresException($"{tool} failed with exit code {process.ExitCode}: {output.Trim()}");
        return (process.ExitCode, output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class EmbeddedPostgresException(string message) : Exception(message);
