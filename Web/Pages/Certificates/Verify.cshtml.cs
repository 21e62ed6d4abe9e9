using Microsoft.AspNetCore.RateLimiting;
using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>Public verification by code: valid, revoked (with the date, not the reason) or superseded; nothing personal beyond the name.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public class VerifyModel(CertificateQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public PublicCertificate? Certificate { get; private set; }
    public bool NotFoundCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Code)) return Page();
        var routeCode = RouteData.Values["code"] as string;
        var normalized = CertificateCode.Normalize(Code);
        // From the form (?code=…): go to the canonical address, which is what the QR code holds.
        if (routeCode is null && normalized is not null) return Redirect("/verify/" + normalized.Replace("-", "", StringComparison.Ordinal));
        Certificate = await queries.VerifyAsync(Code);
        if (Certificate is null)
        {
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
