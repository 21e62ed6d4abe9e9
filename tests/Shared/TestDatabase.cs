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

    public static async Task<EmbeddedPostgres> ServerAsync()
    {
        if (_server is not null) return _server;
        await Lock.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            var dir = Path.Combine(Path.GetTempPath(), $"pp-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
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
}
