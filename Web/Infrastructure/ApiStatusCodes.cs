using Microsoft.AspNetCore.Diagnostics;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The API answers problem+json for every error status, never the HTML error page: an address no endpoint has is 404,
/// a method the address does not take is 405 (with Allow), and an endpoint's body-less 4xx gets a problem body.
/// </summary>
public static class ApiStatusCodes
{
    // Routing's own endpoint for "the path matched, the method did not" (HttpMethodMatcherPolicy): it carries no
    // metadata, so the fallback authorization policy would turn it into 401 for an anonymous caller. Its display name
    // is the one way to recognise it.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    /// <summary>Goes after UseRouting (the endpoint is known) and before authentication and authorization.</summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!ApiErrors.IsApi(context.Request)) { await next(); return; }
        // The re-executed HTML error page is for people; API callers get problem+json from here.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        var l = context.RequestServices.GetRequiredService<IStringLocalizer>();
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            // Before authorization: an unknown address is 404 for everyone, not a sign-in challenge.
            await ApiErrors.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                l["No such API address"],
                l["See /openapi/v1.json for the addresses and methods of the API."]);
            return;
        }
        if (endpoint.Metadata.Count == 0 && endpoint.DisplayName == MethodNotAllowedEndpoint && endpoint.RequestDelegate is { } reject)
        {
            await reject(context); // sets 405 and the Allow header
            await ApiErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, l["This address does not take this method"],
                l["Allowed methods: {0}.", context.Response.Headers.Allow.ToString()]);
            return;
        }
        await next();
        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0
            && string.IsNullOrEmpty(context.Response.ContentType))
            await ApiErrors.WriteAsync(context, context.Response.StatusCode, ReasonTitle(context.Response.StatusCode, l));
    });

    private static string ReasonTitle(int status, IStringLocalizer l) => status switch
    {
        StatusCodes.Status400BadRequest => l["Bad request"],
        StatusCodes.Status401Unauthorized => l["Authentication required"],
        StatusCodes.Status403Forbidden => l["Forbidden"],
        StatusCodes.Status404NotFound => l["Not found"],
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
