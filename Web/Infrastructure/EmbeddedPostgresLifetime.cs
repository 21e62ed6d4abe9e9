namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Stops the embedded server when the app stops. Registered first, so it stops last (after the scheduler).</summary>
public sealed class EmbeddedPostgresLifetime(PortalDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public async Task StopAsync(CancellationToken cancellationToken) => await database.DisposeAsync();
}
