using Npgsql;
using PartnerPrograms.Domain.Database;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// One throwaway PostgreSQL server per test run (the project's own embedded helper, in /tmp), a template database
/// migrated once, and a fresh copy of it per test class: real database, isolated tests, about 0.1 s per copy.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static int _counter;
    private const string Template = "pp_template";
    private const string Prefix = "pp-tests-";

    public static async Task<EmbeddedPostgres> ServerAsync()
    {
        if (_server is not null) return _server;
        await Lock.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            RemoveLeftovers();
            var dir = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            var server = await EmbeddedPostgres.StartAsync(dir, Template);
            await Migrator.MigrateAsync(server.ConnectionString(Template));
            await PartnerPrograms.Jobs.Scheduling.JobSchema.InstallAsync(server.ConnectionString(Template));
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                server.StopAsync().GetAwaiter().GetResult();
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            _server = server;
            return server;
        }
        finally { Lock.Release(); }
    }

    /// <summary>A new database, copied from the migrated template; returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var server = await ServerAsync();
        var name = $"pp_test_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..40];
        await Lock.WaitAsync(); // CREATE DATABASE … TEMPLATE needs the template free of other sessions
        try
        {
            // As the superuser: the portal's role may not create databases; the copy is owned by that role.
            await server.CreateDatabaseAsync(name, Template);
        }
        finally { Lock.Release(); }
        return server.ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateAsync"/>, closing what still uses it. Best effort.</summary>
    public static async Task DropAsync(string connectionString)
    {
        if (_server is null) return;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !name.StartsWith("pp_test_", StringComparison.Ordinal)) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(_server.AdminConnectionString());
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { /* a server a test stopped on purpose; the folder goes at process exit */ }
    }

    /// <summary>
    /// Servers of test runs that were killed (a timeout, Ctrl+C) never reach their exit handler: their folders and
    /// postmasters stay. A folder whose test process is gone is removed, with its server, before a new one starts.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidText = Path.GetFileName(dir)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || ProcessIsAlive(pid)) continue;
            if (PostmasterPid(dir) is { } postmaster && ProcessIsAlive(postmaster))
            {
                try { using var p = System.Diagnostics.Process.GetProcessById(postmaster); p.Kill(); p.WaitForExit(5000); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static int? PostmasterPid(string dir)
    {
        try { return int.TryParse(File.ReadLines(Path.Combine(dir, "postmaster.pid")).FirstOrDefault(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }
}
