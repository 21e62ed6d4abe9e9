using PartnerPrograms.Domain.Database;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>The database the app uses: ConnectionStrings:Default, or an embedded server it runs itself.</summary>
public sealed class PortalDatabase(string connectionString, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;
    public EmbeddedPostgres? Embedded { get; } = embedded;
    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class DatabaseSetup
{
    public static async Task<PortalDatabase> ResolveAsync(IConfiguration config, IHostEnvironment env)
    {
        if (config.GetConnectionString("Default") is { Length: > 0 } cs)
            return new PortalDatabase(cs, null);
        var dataDir = config["EmbeddedPostgres:DataDirectory"] is { Length: > 0 } d
            ? d : Path.Combine(RepositoryDataRoot(env), "postgres");
        var database = config["EmbeddedPostgres:Database"] is { Length: > 0 } name ? name : "partnerprograms";
        try
        {
            // Before the host exists: the server (and its restarts, later) log to the console directly.
            var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
            var server = await EmbeddedPostgres.StartAsync(dataDir, database, loggers.CreateLogger<EmbeddedPostgres>());
            Console.WriteLine($"PostgreSQL (embedded) for {server.DataDirectory} on 127.0.0.1:{server.Port}");
            return new PortalDatabase(server.ConnectionString(database), server);
        }
        catch (EmbeddedPostgresException e)
        {
            // A clear message and nothing deleted: the folder is left exactly as it was.
            await Console.Error.WriteLineAsync("Cannot start the embedded PostgreSQL: " + e.Message);
            throw;
        }
    }

    /// <summary>The repository's git-ignored .data folder (found by walking up to PartnerPrograms.sln), else beside the app.</summary>
    public static string RepositoryDataRoot(IHostEnvironment env)
    {
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPrograms.sln")))
                return Path.Combine(dir.FullName, ".data");
        return Path.Combine(env.ContentRootPath, ".data");
    }
}

/// <summary>Stops the embedded server when the app stops. Registered first, so it stops last (after the scheduler).</summary>
public sealed class EmbeddedPostgresLifetime(PortalDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public async Task StopAsync(CancellationToken cancellationToken) => await database.DisposeAsync();
}
