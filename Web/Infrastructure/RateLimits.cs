using System.Threading.RateLimiting;

namespace PartnerPrograms.Web.Infrastructure;

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";
    public const string Pdf = "pdf";

    /// <summary>Per client address: sign-in and token issue, and the public certificate verification.</summary>
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Pages get the Thai "too many requests" error page (status code pages); the API a problem in the user's language.
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (!ctx.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                var l = ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
                await ApiErrors.WriteAsync(
                    ctx.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    l["Too many requests"],
                    l["Please wait a minute and try again."]);
            };
            o.AddPolicy(SignIn, ctx => Window(ctx, "RateLimits:SignInPerMinute", 20));
            o.AddPolicy(Public, ctx => Window(ctx, "RateLimits:PublicPerMinute", 60));
            o.AddPolicy(Pdf, PdfLimits.Partition);
        });
        return services;
    }

    private static RateLimitPartition<string> Window(HttpContext ctx, string key, int fallback)
    {
        var limit = ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue(key, fallback);
        return RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
