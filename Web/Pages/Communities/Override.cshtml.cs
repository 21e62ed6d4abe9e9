using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Staff set the group by hand with a written reason (or clear that); the computed group is kept beside it.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class OverrideModel(AppDbContext db, CommunityService service, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public string CommunityName { get; private set; } = "";
    public CommunityCategory Computed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var c = await db.Communities.AsNoTracking().Where(x => x.Id == Id)
            .Select(x => new { x.Name, x.ComputedCategory, x.OverrideCategory, x.OverrideReason }).SingleOrDefaultAsync();
        if (c is null) return NotFound();
        (CommunityName, Computed, Category, Reason) = (c.Name, c.ComputedCategory, c.OverrideCategory?.ToString(), c.OverrideReason);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var community = await db.Communities.SingleOrDefaultAsync(x => x.Id == Id);
        if (community is null) return NotFound();
        (CommunityName, Computed) = (community.Name, community.ComputedCategory);
        CommunityCategory? category = null;
        if (!string.IsNullOrEmpty(Category))
        {
            category = CommunityService.ParseCategory(Category);
            if (category is null or CommunityCategory.Unclassified) ModelState.AddModelError(nameof(Category), l["Choose group A, B, C or D."]);
            if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), l["Write the reason for the override."]);
            if (Reason is { Length: > 2000 }) ModelState.AddModelError(nameof(Reason), l["At most 2000 characters."]);
        }
        if (!ModelState.IsValid) return Page();
        await service.OverrideAsync(community, category, Reason, User.DisplayName());
        TempData["Flash"] = (category is null ? l["Override removed."] : l["Group overridden."]).Value;
        return RedirectToPage("/Communities/Details", new { id = Id });
    }
}
