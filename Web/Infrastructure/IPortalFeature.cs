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
