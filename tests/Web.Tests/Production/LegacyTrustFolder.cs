using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PartnerPrograms.Domain.Database;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>
/// A data folder as versions before issue 16 made it: initdb --auth=trust with a single superuser "app", started with
/// pg_ctl exactly as the old helper did. Connections need no password while it runs.
/// </summary>
public sealed class LegacyTrustFolder(string dataDirectory, int port)
{
    public string DataDirectory { get; } = dataDirectory;
    public int Port { get; } = port;

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=app;Database={database};Pooling=false";

    public static async Task<LegacyTrustFolder> CreateAndStartAsync(string dataDirectory, string database)
    {
        Directory.CreateDirectory(dataDirectory);
        if (AsRoot) await RunAsync("chown", "postgres:postgres", dataDirectory);
        await PgAsync("initdb", "-D", dataDirectory, "--auth=trust", "-U", "app", "-E", "UTF8", "--locale=C.UTF-8");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var folder = new LegacyTrustFolder(dataDirectory, port);
        await PgAsync("pg_ctl", "start", "-w", "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"), "-o",
            $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {dataDirectory} -c listen_addresses=127.0.0.1");
        await using var conn = new NpgsqlConnection(folder.ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {database}", conn);
        await create.ExecuteNonQueryAsync();
        return folder;
    }

    public Task StopAsync() => PgAsync("pg_ctl", "stop", "-w", "-m", "fast", "-D", DataDirectory);

    private static bool AsRoot => Environment.UserName == "root";

    private static Task PgAsync(string tool, params string[] args)
    {
        var exe = Path.Combine(EmbeddedPostgres.FindBinDirectory()!, tool);
        return AsRoot ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);
    }

    private static async Task RunAsync(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe, args) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        // pg_ctl start leaves the server holding the pipes: wait for the tool, not for the end of its output.
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0, $"{Path.GetFileName(exe)}: {(stderr.IsCompleted ? await stderr : "")}");
    }
}
