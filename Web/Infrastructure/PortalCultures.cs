using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Thai first. Strings are written in English in code and views (L["Sign in"]); their Thai lives in
/// Resources/*.th.json, one file per feature so features do not edit one shared file. th-TH is the default culture
/// (Buddhist-era calendar), en-GB the switch. A missing Thai string shows in English and fails a test.
/// </summary>
public static class PortalCultures
{
    public static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static bool IsThai(CultureInfo c) => c.TwoLetterISOLanguageName == "th";

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(PortalCultures)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Thai);
            o.SupportedCultures = o.SupportedUICultures = [Thai, English];
            // Only an explicit choice switches language: the browser's Accept-Language does not override Thai.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }
}
