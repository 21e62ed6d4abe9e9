using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>The assessment rubric: staff read it, admins save an edit as the next version (earlier assessments keep theirs).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class RubricModel(AppDbContext db, CommunityService service, IStringLocalizer l) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public Rubric Current { get; private set; } = null!;
    public List<VersionRow> Versions { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.Admin);

    public sealed record VersionRow(int Version, DateTime CreatedAt, string? CreatedBy, string? ChangeNote, int Assessments);

    public sealed class InputModel
    {
        public Dictionary<SectionRole, int> Weights { get; set; } = [];
        public RubricThresholds Thresholds { get; set; } = new();
        public List<CriterionInput> Criteria { get; set; } = [];
        public CriterionInput New { get; set; } = new();
        public string? ChangeNote { get; set; }
    }

    public sealed class CriterionInput
    {
        public SectionRole Section { get; set; }
        public string? Key { get; set; }
        public string? NameTh { get; set; }
        public string? NameEn { get; set; }
        public int MaxScore { get; set; } = 5;
        public bool Remove { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var d = Current.Definition;
        Input = new InputModel
        {
            Weights = d.Sections.ToDictionary(s => s.Role, s => s.Weight),
            Thresholds = d.Thresholds,
            Criteria = d.Sections
                .SelectMany(s => s.Criteria.Select(c => new CriterionInput
                {
                    Section = s.Role,
                    Key = c.Key,
                    NameTh = c.NameTh,
                    NameEn = c.NameEn,
                    MaxScore = c.MaxScore,
                }))
                .ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        await LoadAsync();
        var definition = Current.Definition.Clone();
        foreach (var s in definition.Sections)
        {
            if (Input.Weights.TryGetValue(s.Role, out var w)) s.Weight = s.Role == SectionRole.Learning ? 0 : w;
            s.Criteria = Input.Criteria.Where(c => c.Section == s.Role && !c.Remove && !string.IsNullOrWhiteSpace(c.Key))
                .Select(c => new RubricCriterion
                {
                    Key = c.Key!.Trim(),
                    NameTh = c.NameTh?.Trim() ?? "",
                    NameEn = c.NameEn?.Trim() ?? "",
                    MaxScore = c.MaxScore,
                })
                .ToList();
        }
        if (!string.IsNullOrWhiteSpace(Input.New.Key))
            definition.Section(Input.New.Section)?.Criteria.Add(new RubricCriterion
            {
                Key = Input.New.Key.Trim(),
                NameTh = Input.New.NameTh?.Trim() ?? "",
                NameEn = Input.New.NameEn?.Trim() ?? "",
                MaxScore = Input.New.MaxScore,
            });
        definition.Thresholds = Input.Thresholds;
        foreach (var e in definition.Validate()) ModelState.AddModelError("", l[e]);
        if (!ModelState.IsValid) return Page();
        var saved = await service.SaveRubricVersionAsync(definition, User.DisplayName(), Input.ChangeNote?.Trim());
        TempData["Flash"] = l["Rubric version {0} saved. Earlier assessments keep the version they were scored with.", saved.Version].Value;
        return RedirectToPage("/Communities/Rubric");
    }

    private async Task LoadAsync()
    {
        Current = await service.CurrentRubricAsync();
        Versions = await db.CommunityRubrics.AsNoTracking().OrderByDescending(r => r.Version)
            .Select(r => new VersionRow(r.Version, r.CreatedAt, r.CreatedBy, r.ChangeNote, db.CommunityAssessments.Count(a => a.RubricId == r.Id)))
            .ToListAsync();
    }
}
