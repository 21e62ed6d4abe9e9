using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Pages, the API's JSON and errors, the OpenAPI document, localisation, rate limits and the reverse proxy.</summary>
public static class PortalWebSetup
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FigureCache>();
        services.AddHttpContextAccessor();
        services.AddPortalLocalization();
        // Thai text is written as-is rather than as numeric entities: readable pages, a third of the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation));
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", PortalAuth.AdminPolicy);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AuthorizeFolder("/Account/Manage");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Index");
            })
            .AddViewLocalization()
            .AddPortalValidationMessages()
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new PortalDateBinderProvider()));

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddProblemDetails(ApiErrors.Configure);
        // A body the API cannot bind (wrong JSON types, broken JSON) throws, so it is answered as problem+json like
        // other errors.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<PortalExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "PartnerPrograms API";
            doc.Info.Description = "Partner agencies, cohorts, certificates and communities. Authenticate with " +
                "POST /api/v1/auth/token, then send 'Authorization: Bearer <token>'.";
            return Task.CompletedTask;
        }));
        services.AddPortalRateLimits();
        services.AddPortalReverseProxy(config, env);
        return services;
    }
}
