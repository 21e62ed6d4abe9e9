namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Registers <see cref="RuleViolationPageFilter"/> for every page; found like a feature, so Program.cs stays
/// as it is.</summary>
public sealed class PageErrorsSetup : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config) =>
        services.Configure<MvcOptions>(o => o.Filters.Add<RuleViolationPageFilter>());
}
