using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Records an assessment with the current rubric version; the group is computed and shown on the details page.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class AssessModel(AppDbContext db, CommunityService service, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string CommunityName { get; private set; } = "";
    public Rubric Rubric { get; private set; } = null!;
    public DateOnly Today => service.Today;

    public sealed class InputModel
    {
        public DateOnly? AssessedOn { get; set; }
        public string? Assessor { get; set; }
        public string? Notes { get; set; }
        public Dictionary<string, int> Scores { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.AssessedOn = service.Today;
        Input.Assessor = User.DisplayName();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == Id);
        if (community is null || !await LoadAsync()) return NotFound();
        if (Input.AssessedOn is null) ModelState.AddModelError("Input.AssessedOn", l["Enter the assessment date."]);
        else if (Input.AssessedOn > service.Today) ModelState.AddModelError("Input.AssessedOn", l["The assessment date cannot be in the future."]);
        // The rubric names a criterion "scores.<key>" (as the API does); the form's select is Input.Scores[<key>].
        foreach (var (key, _) in Rubric.Definition.ValidateScores(Input.Scores))
            ModelState.AddModelError($"Input.Scores[{key[(key.IndexOf('.') + 1)..]}]",
                l["Give every criterion a score within its range."]);
        if (Input.Assessor is { Length: > 200 }) ModelState.AddModelError("Input.Assessor", l["At most 200 characters."]);
        if (!ModelState.IsValid) return Page();
        var a = await service.AssessAsync(community, Input.AssessedOn!.Value, Input.Scores, Input.Assessor, Input.Notes, User.DisplayName());
        TempData["Flash"] = l["Assessment recorded: {0}.", l[CommunityLabels.Category(a.Category)].Value].Value;
        return RedirectToPage("/Communities/Details", new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        var name = await db.Communities.AsNoTracking().Where(c => c.Id == Id).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null) return false;
        CommunityName = name;
        Rubric = await service.CurrentRubricAsync();
        return true;
    }
}
