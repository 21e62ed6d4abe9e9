using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// Runs a PostgreSQL server from the machine's own server binaries in a data folder that survives restarts.
/// Used by the app when no connection string is configured, and by the tests for a throwaway server per run.
/// Every connection needs a password (EmbeddedPostgresAccess); the portal signs in as a role that is not a superuser.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    /// <summary>The portal's role: owns its databases, is not a superuser.</summary>
    public const string DatabaseUser = "app";
    /// <summary>The superuser: administration only (roles, databases, the conversion of old folders).</summary>
    public const string SuperUser = "postgres";
    public const int SupportedMajorVersion = 15;

    private readonly ILogger _logger;
    private bool _startedByUs;
    private EmbeddedPostgresCredentials? _credentials;

    public string DataDirectory { get; }
    public string BinDirectory { get; }
    public int Port { get; private set; }

    /// <summary>The portal role's password (from the 0600 file in the data folder), e.g. for pg_dump's PGPASSWORD.</summary>
    public string Password => Credentials.App;
    private EmbeddedPostgresCredentials Credentials => _credentials ?? throw new InvalidOperationException("The server has not been started.");

    private EmbeddedPostgres(string dataDirectory, string binDirectory, ILogger logger)
    {
        DataDirectory = dataDirectory;
        BinDirectory = binDirectory;
        _logger = logger;
    }

    /// <summary>The portal's connection: role app, with its password.</summary>
    public string ConnectionString(string database = "partnerprograms") =>
        $"Host=127.0.0.1;Port={Port};Username={DatabaseUser};Password={Credentials.App};Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>The superuser's connection, for administration (creating databases, tests' fault injection).</summary>
    public string AdminConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Password={Credentials.SuperUser};Database={database};Pooling=true;Maximum Pool Size=5";

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
        await server.SecureAsync(ct);
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
        if (RunningAsRoot) DataFolderOwnership.GiveToPostgresUser(DataDirectory);
        _logger.LogInformation("Creating a PostgreSQL data directory in {DataDirectory}", DataDirectory);
        // initdb reads the superuser's password from a file (never the command line); the folder must be empty, so
        // the file waits in a private temporary folder and both passwords are written into the data folder after.
        var credentials = EmbeddedPostgresCredentials.Generate();
        var pwDir = Directory.CreateTempSubdirectory("pp-initdb-");
        try
        {
            var pwFile = Path.Combine(pwDir.FullName, "pwfile");
            EmbeddedPostgresCredentials.Write(pwFile, credentials.SuperUser);
            if (RunningAsRoot) DataFolderOwnership.Chown(pwDir.FullName);
            await RunAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "--pwfile", pwFile,
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }
        finally { pwDir.Delete(recursive: true); }
        credentials.WriteTo(DataDirectory);
    }

    /// <summary>Passwords from the folder (converting a trust-era folder first), then the portal's role as it must be.</summary>
    private async Task SecureAsync(CancellationToken ct)
    {
        if (EmbeddedPostgresAccess.HbaTrusts(DataDirectory))
        {
            _credentials = EmbeddedPostgresCredentials.LoadOrCreate(DataDirectory);
            await EmbeddedPostgresAccess.ConvertFromTrustAsync(this, _credentials, _logger, ct);
        }
        else
        {
            _credentials = EmbeddedPostgresCredentials.Load(DataDirectory) ?? throw new EmbeddedPostgresException(
                $"'{DataDirectory}' requires passwords but {EmbeddedPostgresCredentials.SuperUserFile} or {EmbeddedPostgresCredentials.AppFile} is missing " +
                "from it, so the portal cannot sign in. Put the files back from a backup of the folder, or reset the passwords: stop the portal, " +
                "change every 'scram-sha-256' in pg_hba.conf to 'trust', and start the portal once " +
                "(it writes new password files and asks for passwords again).");
        }
        await using var admin = new NpgsqlConnection(AdminConnectionString());
        await admin.OpenAsync(ct);
        await EmbeddedPostgresAccess.EnsureAppRoleAsync(admin, _credentials.App, ct);
    }

    private async Task EnsureRunningAsync(CancellationToken ct)
    {
        // A server for this folder may already be running (another instance of the app, or a previous run):
        // the pid file's fourth line is its port.
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (Postmaster.IsAlive(DataDirectory) && File.ReadAllLines(pidFile) is { Length: > 3 } lines && int.TryParse(lines[3], out var runningPort))
        {
            Port = runningPort;
            _logger.LogInformation("Using the PostgreSQL server already running for {DataDirectory} on port {Port}", DataDirectory, Port);
            return;
        }
        Postmaster.RemoveStaleLockFiles(DataDirectory);
        Port = FreePort();
        await StartServerAsync(ct);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        // After a crash PostgreSQL first fsyncs every file of the folder, one by one (7.5 s here for a migrated
        // database); syncfs does the same with one call (0.1 s), so the watchdog's restart is back in about a second.
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c recovery_init_sync_method=syncfs";
        await RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options], ct);
        _startedByUs = true;
        _logger.LogInformation("Started PostgreSQL for {DataDirectory} on 127.0.0.1:{Port}", DataDirectory, Port);
    }

    /// <summary>The postmaster's process id while it runs (from postmaster.pid), else null.</summary>
    public int? PostmasterPid => Postmaster.IsAlive(DataDirectory) ? Postmaster.Pid(DataDirectory) : null;

    /// <summary>Whether the postmaster is running (a killed one that nobody reaped, a zombie, counts as dead).</summary>
    public bool IsRunning => Postmaster.IsAlive(DataDirectory);

    /// <summary>
    /// Starts a server that died (crash, OOM kill, kill -9) again on the same port, so connection strings handed out
    /// stay valid; PostgreSQL replays its WAL, so every committed transaction is there. False when it was running.
    /// </summary>
    public async Task<bool> RecoverAsync(CancellationToken ct = default)
    {
        if (IsRunning) return false;
        Postmaster.RemoveStaleLockFiles(DataDirectory);
        await StartServerAsync(ct);
        return true;
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

    /// <summary>Creates a database owned by the portal's role (copied from <paramref name="template"/> when given).</summary>
    public async Task CreateDatabaseAsync(string database, string? template = null, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString());
        await conn.OpenAsync(ct);
        var sql = $"create database \"{Unquote(database)}\" owner \"{DatabaseUser}\"" + (template is null ? "" : $" template \"{Unquote(template)}\"");
        await using var create = new NpgsqlCommand(sql, conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString());
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try { await CreateDatabaseAsync(database, ct: ct); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { /* created meanwhile by another instance */ }
    }

    private static string Unquote(string name) => name.Replace("\"", "", StringComparison.Ordinal);

    public async Task StopAsync()
    {
        if (!_startedByUs) return;
        _startedByUs = false;
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_ctl", ["stop", "-w", "-m", "fast", "-D", DataDirectory], CancellationToken.None, throwOnError: false);
        _logger.LogInformation("Stopped PostgreSQL for {DataDirectory}", DataDirectory);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal static bool RunningAsRoot => Environment.UserName == "root";

    private Task<(int ExitCode, string Output)> RunAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true) =>
        PgCommand.RunAsync(Path.Combine(BinDirectory, tool), args, RunningAsRoot, ct, throwOnError);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
