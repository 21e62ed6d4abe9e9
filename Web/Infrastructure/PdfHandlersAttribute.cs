using Microsoft.AspNetCore.Mvc.Filters;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// On a page model with [EnableRateLimiting(RateLimits.Pdf)]: the handlers that print a PDF, the only ones the "pdf"
/// rate limit counts; and for them a print past its timeout becomes 503 (the Thai "try again shortly" page).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PdfHandlersAttribute(params string[] handlers) : Attribute, IAsyncPageFilter
{
    public IReadOnlyList<string> Handlers { get; } = handlers;

    public bool Prints(string? handler) => handler is { Length: > 0 } && Handlers.Contains(handler, StringComparer.OrdinalIgnoreCase);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is PdfTimeoutException e)
        {
            PdfLimits.TimedOut(context.HttpContext, e);
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
