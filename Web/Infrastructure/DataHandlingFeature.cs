namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The data-handling safeguards that span features (found by reflection like a feature): how much an uploaded table
/// may hold, the PDF printer's pages and timeouts, and how long mail, the reminder log and the personal-data audit are
/// kept (the daily retention purge).
/// </summary>
public sealed class DataHandlingFeature : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<ImportLimits>(config.GetSection("Imports"));
        services.Configure<PartnerPrograms.Jobs.Documents.PdfSettings>(config.GetSection("Pdf"));
        services.Configure<PartnerPrograms.Domain.Privacy.RetentionSettings>(config.GetSection("Retention"));
        services.AddScoped<PartnerPrograms.Jobs.Privacy.RetentionPurge>();
    }
}
