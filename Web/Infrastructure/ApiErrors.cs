using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>The one place where errors become responses: problem+json for the API, the friendly page for people.</summary>
public static class ApiErrors
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static string CorrelationId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = ctx => ctx.ProblemDetails.Extensions["correlationId"] = CorrelationId(ctx.HttpContext);

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null) =>
        WriteAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>
    /// A refused change as the API answers it: 400 naming the fields when the rule names any (the same body as
    /// <see cref="Validation(IDictionary{string, string[]}, string?)"/>), else 409 with the reason as title and detail.
    /// </summary>
    public static ProblemDetails Problem(RuleViolationException e) => e.Field is null
        ? new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = e.Message, Detail = e.Message }
        : new HttpValidationProblemDetails(e.Errors.ToDictionary(x => x.Key, x => x.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
        };

    /// <summary>API: 401/403 problem+json. Pages: anonymous users go to sign-in; a signed-in user without the right
    /// role gets 403 with the friendly page (status-code pages re-execute /Error), not a redirect.</summary>
    public static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApi(ctx.Request))
            return WriteAsync(ctx.HttpContext, status, status == 401 ? "Authentication required" : "Forbidden");
        if (status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>400 with the fields that failed, as problem+json (the "errors" member names each field).</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail, title: "The request has invalid fields");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// True when the exception (or one it wraps) says the database cannot be reached or did not answer in time:
    /// the request is answered 503 "try again shortly" rather than 500, and nothing about the cause is shown.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A server-side error with a SQL state (constraint, syntax …) is a bug, not an outage; except the
                // states PostgreSQL sends while shutting down or starting (57P01-57P03) and connection failures (08xxx).
                case Npgsql.PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case Npgsql.NpgsqlException:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }

    public static ProblemHttpResult NotFound(string what = "Not found") => TypedResults.Problem(title: what, statusCode: 404);
    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(title: "Conflict", detail: detail, statusCode: 409);
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: 403);
}

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
            logger.LogError(exception, "Unhandled error {CorrelationId} on {Method} {Path}", ApiErrors.CorrelationId(context), context.Request.Method, originalPath);
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

public sealed class ApiNoCacheFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}

public static class RequestSizeGuard
{
    /// <summary>
    /// Refuses a body whose declared length is over the endpoint's [RequestSizeLimit] with 413 before anything reads it
    /// (otherwise the antiforgery check reads the form first and the user sees a bare 400). A body without a length is
    /// still cut off by the server at the same limit (BadHttpRequestException → 413).
    /// </summary>
    public static IApplicationBuilder UseRequestSizeGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            if (context.Request.Path.StartsWithSegments("/api")) await ApiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large.");
            else context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        await next();
    });
}
