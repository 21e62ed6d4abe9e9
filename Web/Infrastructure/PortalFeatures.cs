namespace PartnerPrograms.Web.Infrastructure;

public static class PortalFeatures
{
    public static IReadOnlyList<IPortalFeature> All { get; } = typeof(PortalFeatures).Assembly.GetTypes()
        .Where(t => typeof(IPortalFeature).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IPortalFeature)Activator.CreateInstance(t)!)
        .ToList();

    public static IReadOnlyList<NavItem> Navigation { get; } = All.SelectMany(f => f.Navigation).OrderBy(n => n.Order).ToList();

    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration config)
    {
        foreach (var f in All) f.AddServices(services, config);
        return services;
    }

    public static RouteGroupBuilder MapPortalFeatureApis(this RouteGroupBuilder api)
    {
        foreach (var f in All) f.MapApi(api);
        return api;
    }

    public static void MapPortalFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var f in All) f.MapEndpoints(app);
    }
}
