namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A feature folder's entry point: its services, its /api/v1 endpoints and its navigation entries. Features are found
/// by reflection, so adding a feature touches only its own folder.
/// </summary>
public interface IPortalFeature
{
    void AddServices(IServiceCollection services, IConfiguration config) { }
    void MapApi(RouteGroupBuilder api) { }
    /// <summary>Endpoints outside /api/v1 (e.g. a calendar feed, a public verification route).</summary>
    void MapEndpoints(IEndpointRouteBuilder app) { }
    IEnumerable<NavItem> Navigation => [];
}

/// <summary>A link in the top navigation. Text is the English key; Roles empty means every signed-in user.</summary>
public sealed record NavItem(string Text, string Href, int Order, params string[] Roles)
{
    public bool VisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Length == 0 || Roles.Any(user.IsInRole));
}

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
