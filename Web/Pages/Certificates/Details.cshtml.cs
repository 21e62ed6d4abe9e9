using Microsoft.AspNetCore.RateLimiting;
using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>One certificate for staff: its frozen facts, the revocation reason, revoke and re-issue with a corrected name.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
[EnableRateLimiting(RateLimits.Pdf), PdfHandlers("Reissue")]
public class DetailsModel(AppDbContext db, CertificateRevisions revisions, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public Certificate Certificate { get; private set; } = null!;
    public string? ReplacesCode { get; private set; }
    public string? ReplacedByCode { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? HolderName { get; set; }
    [BindProperty] public string? HolderNameEn { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var normalized = CertificateCode.Normalize(Code);
        var c = normalized is null ? null : await db.Certificates.AsNoTracking().SingleOrDefaultAsync(x => x.Code == normalized);
        if (c is null) return NotFound();
        c.Pdf = null;
        Certificate = c;
        ReplacesCode = c.ReplacesId is { } r ? await db.Certificates.Where(x => x.Id == r).Select(x => x.Code).SingleOrDefaultAsync() : null;
        ReplacedByCode = c.ReplacedById is { } n ? await db.Certificates.Where(x => x.Id == n).Select(x => x.Code).SingleOrDefaultAsync() : null;
        HolderName ??= c.HolderName;
        HolderNameEn ??= c.HolderNameEn;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            TempData["FlashError"] = l["A reason is required to revoke a certificate."].Value;
            return RedirectToPage(new { code = Code });
        }
        await revisions.RevokeAsync(Code ?? "", Reason);
        TempData["Flash"] = l["The certificate was revoked."].Value;
        return RedirectToPage(new { code = Code });
    }

    public async Task<IActionResult> OnPostReissueAsync()
    {
        var fresh = await revisions.ReissueAsync(Code ?? "", HolderName ?? "", HolderNameEn);
        TempData["Flash"] = l["A corrected certificate {0} was issued; this one is superseded.", fresh.Code].Value;
        return RedirectToPage(new { code = fresh.Code });
    }
}
