using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Geography;

/// <summary>Loads the lists before the app serves requests (the migrator has run by then).</summary>
public sealed class GeographyStartup(PortalDatabase database, ILogger<GeographyStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await GeographyLoader.EnsureLoadedAsync(database.ConnectionString, cancellationToken))
            logger.LogInformation("Loaded the Thai administrative lists");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
