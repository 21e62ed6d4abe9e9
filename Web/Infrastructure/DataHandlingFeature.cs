namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Settings of the data-handling safeguards that span features (found by reflection like a feature): how much an
/// uploaded table may hold.
/// </summary>
public sealed class DataHandlingFeature : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<ImportLimits>(config.GetSection("Imports"));
    }
}
