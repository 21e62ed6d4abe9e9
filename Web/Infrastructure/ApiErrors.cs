using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
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
