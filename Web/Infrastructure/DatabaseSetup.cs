using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Jobs.Backup;

namespace PartnerPrograms.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// Outside Development the portal never falls back to a server of its own by surprise: it needs a connection
    /// string, or EmbeddedPostgres:Enabled=true for a single-host install. Null when the configuration is complete.
    /// </summary>
    public static string? MissingDatabaseSetting(IConfiguration config, IHostEnvironment env) =>
        config.GetConnectionString("Default") is { Length: > 0 } || env.IsDevelopment() || config.GetValue("EmbeddedPostgres:Enabled", false)
            ? null
            : "ConnectionStrings:Default [ConnectionStrings__Default]: missing. Point it at your PostgreSQL server, or set " +
              "EmbeddedPostgres:Enabled=true [EmbeddedPostgres__Enabled] to let the portal run its own PostgreSQL on this machine (a single-host install).";

    public static async Task<PortalDatabase> ResolveAsync(IConfiguration config, IHostEnvironment env)
    {
        if (config.GetConnectionString("Default") is { Length: > 0 } cs)
            return new PortalDatabase(cs, null);
        if (MissingDatabaseSetting(config, env) is { } missing)
        {
            await Console.Error.WriteLineAsync("No database: " + missing);
            throw new InvalidOperationException("No database: " + missing);
        }
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

    /// <summary>
    /// The database and what looks after it: the EF context scoped to the request's data scope; the server stopped
    /// last on shutdown; when the portal runs the server itself, a watchdog that restarts it after a crash, and (then,
    /// or with Backup:Directory) the daily backup job.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, PortalDatabase database, IConfiguration config)
    {
        services.AddSingleton(database);
        services.AddScoped<IDataScope, HttpDataScope>();
        services.AddSingleton<QueryCounter>();
        var countQueries = QueryCounter.Enabled(config);
        // The options depend on singletons only, so they are built once (a singleton) rather than on every request;
        // the context itself stays scoped and unpooled (it reads the request's data scope).
        services.AddDbContext<AppDbContext>((sp, o) =>
        {
            o.UseNpgsql(database.ConnectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
            // National IDs are encrypted on every save (Domain/Privacy); the plain value is never a mapped column.
            o.AddInterceptors(sp.GetRequiredService<NationalIdSealingInterceptor>());
            if (countQueries) o.AddInterceptors(sp.GetRequiredService<QueryCounter>());
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        // Registered first so it stops last, after the job servers and the watchdog.
        services.AddHostedService<EmbeddedPostgresLifetime>();
        if (database.Embedded is not null) services.AddHostedService<EmbeddedPostgresWatchdog>();
        services.AddDatabaseBackup(config, BackupSettings.From(config, database.ConnectionString, database.Embedded));
        return services;
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
