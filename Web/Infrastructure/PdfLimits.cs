using System.Security.Claims;
using System.Threading.RateLimiting;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Every request that prints a PDF with Chromium is rate-limited per signed-in user (RateLimits:PdfPerMinute, the
/// policy "pdf"; per client address for anyone else), and a print past its timeout is answered 503 "try again" rather
/// than as an error. API endpoints: <see cref="RequirePdfLimits{TBuilder}"/>. Pages: [EnableRateLimiting(RateLimits.Pdf)]
/// with <see cref="PdfHandlersAttribute"/> naming the handlers that print (the page's other handlers are not limited).
/// The rate limiter runs after authentication, so the user is known here.
/// </summary>
public static class PdfLimits
{
    public static TBuilder RequirePdfLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimits.Pdf).AddEndpointFilter(async (context, next) =>
        {
            try { return await next(context); }
            catch (PdfTimeoutException e)
            {
                var http = context.HttpContext;
                TimedOut(http, e);
                var l = http.RequestServices.GetRequiredService<IStringLocalizer>();
                return TypedResults.Problem(title: l["The document took too long to produce"], detail: l["Please try again in a minute."],
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

    internal static void TimedOut(HttpContext http, PdfTimeoutException e)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PdfLimits))
            .LogWarning("PDF not produced in time on {Path}: {Message}", http.Request.Path, e.Message);
        http.Response.Headers.RetryAfter = "30";
    }

    /// <summary>One fixed window per user (or client address) shared by every PDF endpoint and page handler.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext ctx)
    {
        if (ctx.GetEndpoint()?.Metadata.GetMetadata<PdfHandlersAttribute>() is { } page && !page.Prints(Handler(ctx)))
            return RateLimitPartition.GetNoLimiter("not a PDF");
        var limit = ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:PdfPerMinute", 20);
        var who = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? "user:" + id
            : "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(who,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    private static string? Handler(HttpContext ctx) =>
        ctx.Request.RouteValues["handler"]?.ToString() is { Length: > 0 } routed ? routed : ctx.Request.Query["handler"].ToString();
}
