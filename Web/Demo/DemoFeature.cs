namespace PartnerPrograms.Web.Demo;

/// <summary>The demo data for trying the portal out; seeded at start in Development only (PortalStartup).</summary>
public sealed class DemoFeature : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<DemoSeeder>();
}
