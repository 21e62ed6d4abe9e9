using Microsoft.AspNetCore.Hosting;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>The real app as an operator runs it: environment "Production" (or another name), with the given settings.</summary>
public sealed class ProductionFactory(string connectionString, IDictionary<string, string?> settings, string environment = "Production")
    : PortalFactory(connectionString, settings)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
    }
}
