using Microsoft.AspNetCore.Diagnostics;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Maps exceptions to status codes for the API; for pages it logs and lets /Error show the friendly page.</summary>
public sealed class PortalExceptionHandler(ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The status for the error page: a body over the request or multipart limit is 413, a bad request its own code.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException e when e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => StatusCodes.Status413PayloadTooLarge,
        // A text over its column's length that no validation caught: the client's value, not a server fault.
        DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "22001" } } => StatusCodes.Status422UnprocessableEntity,
        Npgsql.PostgresException { SqlState: "22001" } => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            DbUpdateConcurrencyException => (409, "Someone else changed this record. Reload it and apply your change again."),
            RuleViolationException rule => (ApiErrors.Problem(rule).Status!.Value, exception.Message),
            NotFoundException => (404, exception.Message),
            ForbiddenException => (403, "Forbidden"),
            _ when StatusFor(exception) == 413 => (413, "The request is too large."),
            _ when StatusFor(exception) == 422 => (422, "A value is too long"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            _ when ApiErrors.IsDatabaseUnavailable(exception) => (503, "The service is temporarily unavailable"),
            _ => (500, "Something went wrong"),
        };
        // With UseExceptionHandler("/Error") the request path is already /Error here; the original is on the feature.
        var originalPath = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (status == 503)
        {
            // An outage, not a bug: one line without the stack; the page (or problem+json) says to try again shortly.
            logger.LogWarning("Database unavailable {CorrelationId} on {Method} {Path}: {Error}", ApiErrors.CorrelationId(context), context.Request.Method,
                originalPath, exception.GetBaseException().GetType().Name);
            context.Response.Headers.RetryAfter = "30";
        }
        if (status == 500)
            logger.LogError(exception, "Unhandled error {CorrelationId} on {Method} {Path}",
                ApiErrors.CorrelationId(context), context.Request.Method, originalPath);
        var isApi = originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        if (!isApi) return false;
        if (exception is RuleViolationException violation)
        {
            await ApiErrors.WriteAsync(context, ApiErrors.Problem(violation));
            return true;
        }
        await ApiErrors.WriteAsync(context, status, title, status switch
        {
            403 => exception.Message,
            500 => "Quote the correlation id when you report this.",
            503 => "Please try again in a minute.",
            _ => null,
        });
        return true;
    }
}
