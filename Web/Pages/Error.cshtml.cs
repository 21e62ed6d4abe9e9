namespace PartnerPrograms.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; } = 500;
    public string CorrelationId { get; private set; } = "";

    public void OnGet(int? code) => Set(code);
    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        // Re-executed after an exception (no code): 503 when the database is out of reach, else the status chosen for
        // the exception (500, or 413 for an oversize upload).
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        // Asked for directly, with no error behind it (or a code that is not a number: /Error?code=abc), there is nothing
        // to report: 404, not the 500 it used to be.
        Code = code ?? (error is null && Response.StatusCode < 400 ? 404
            : ApiErrors.IsDatabaseUnavailable(error) ? 503 : Response.StatusCode >= 400 ? Response.StatusCode : 500);
        CorrelationId = ApiErrors.CorrelationId(HttpContext);
        if (code is null) Response.StatusCode = Code;
        if (Code == 503) Response.Headers.RetryAfter = "30";
    }
}
