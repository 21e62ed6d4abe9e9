using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>Personal data (PDPA): national-ID encryption keys, reveal/export/erasure, key rotation.</summary>
public sealed class PrivacyFeature : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        // Read when first needed; Program asks for it before anything else runs, so a portal without keys stops at once.
        services.AddSingleton(_ => PdpaKeys.Load(config));
        services.AddSingleton(sp => new NationalIdSealingInterceptor(() => sp.GetRequiredService<NationalIdProtector>()));
        services.AddSingleton<NationalIdMaintenance>();
        services.AddSingleton<ReminderKeyMaintenance>();
        services.AddScoped<PersonalData>();
        services.AddScoped<MailErasure>();
    }
}
