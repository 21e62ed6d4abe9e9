using Microsoft.AspNetCore.Mvc.Filters;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The pages' half of the one failure model (the API's half is <see cref="PortalExceptionHandler"/>): handlers call
/// the domain and let its exceptions fly. <see cref="NotFoundException"/> becomes 404, <see cref="ForbiddenException"/>
/// 403, and a <see cref="RuleViolationException"/> thrown by a POST handler is shown to the user in their language:
/// <list type="bullet">
/// <item>on an <see cref="IRedisplayPage"/>, in ModelState (under its field, or model-level) and the page is rendered
/// again with the posted input;</item>
/// <item>on any other page, as the flash error after a redirect to the page itself (its URL without the handler), the
/// post-redirect-get those pages use for success too.</item>
/// </list>
/// Registered for every page by <see cref="PageErrorsSetup"/>.
/// </summary>
public sealed class RuleViolationPageFilter(IStringLocalizer l) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        IActionResult? result = executed.Exception switch
        {
            NotFoundException => new NotFoundResult(),
            ForbiddenException => new ForbidResult(),
            RuleViolationException rule when !HttpMethods.IsGet(context.HttpContext.Request.Method) =>
                await ShowAsync(executed, rule),
            _ => null,
        };
        if (result is null) return;
        executed.Result = result;
        executed.ExceptionHandled = true;
    }

    private async Task<IActionResult> ShowAsync(PageHandlerExecutedContext context, RuleViolationException rule)
    {
        if (context.HandlerInstance is not PageModel page) return new BadRequestResult();
        if (page is not IRedisplayPage redisplay)
        {
            page.TempData["FlashError"] = l[rule.Message].Value;
            var request = context.HttpContext.Request;
            var query = QueryString.Create(
                request.Query.Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase)));
            return new RedirectResult(request.PathBase + request.Path + query);
        }
        foreach (var (field, messages) in rule.Errors)
            foreach (var message in messages)
                page.ModelState.AddModelError(field.Length == 0 ? "" : redisplay.FieldKey(field), l[message]);
        if (!await redisplay.LoadAsync()) return new NotFoundResult();
        redisplay.OnRedisplay(rule);
        return page.Page();
    }
}
