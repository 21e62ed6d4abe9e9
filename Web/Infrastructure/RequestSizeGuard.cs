namespace PartnerPrograms.Web.Infrastructure;

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
            if (context.Request.Path.StartsWithSegments("/api"))
                await ApiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large.");
            else context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        await next();
    });
}
