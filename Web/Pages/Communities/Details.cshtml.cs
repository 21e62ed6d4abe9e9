using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>One community: where it is, who works there, its group and why, and its assessments over time. Partners read it (scoped).</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Admin + "," + Roles.Partner)]
public class DetailsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public View C { get; private set; } = null!;
    public List<AssessmentView> Assessments { get; private set; } = [];
    public Dictionary<long, Rubric> Rubrics { get; private set; } = [];

    public sealed record View(long Id, string Name, int? VillageNo, string SubDistrict, string District, string Province, string ProvinceCode, Region Region,
        string? PostalCode, decimal? Latitude, decimal? Longitude, string? ContactName, string? ContactPhone, string? ContactEmail, string? Notes,
        CommunityCategory Category, CommunityCategory Computed, CommunityCategory? Override, string? OverrideReason,
        string? OverriddenBy, DateTime? OverriddenAt, List<string> Partners);
    public sealed record AssessmentView(long Id, DateOnly AssessedOn, string? Assessor, string? Notes, long RubricId, Dictionary<string, int> Scores,
        CommunityCategory Category, decimal TourismScore, List<ClassificationReason> Reasons);

    public async Task<IActionResult> OnGetAsync()
    {
        var c = await db.Communities.AsNoTracking().Where(x => x.Id == Id)
            .Select(x => new View(x.Id, x.Name, x.VillageNo,
                db.SubDistricts.Where(s => s.Id == x.SubDistrictId).Select(s => s.NameTh).First(),
                db.Districts.Where(d => d.Id == x.DistrictId).Select(d => d.NameTh).First(),
                db.Provinces.Where(p => p.Id == x.ProvinceId).Select(p => p.NameTh).First(),
                db.Provinces.Where(p => p.Id == x.ProvinceId).Select(p => p.Code).First(),
                x.Region, db.SubDistricts.Where(s => s.Id == x.SubDistrictId).Select(s => s.PostalCode).First(),
                x.Latitude, x.Longitude, x.ContactName, x.ContactPhone, x.ContactEmail, x.Notes,
                x.Category, x.ComputedCategory, x.OverrideCategory, x.OverrideReason, x.OverriddenBy, x.OverriddenAt,
                x.Partners.Select(p => db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.NameTh).First()).ToList()))
            .SingleOrDefaultAsync();
        if (c is null) return NotFound();
        C = c;
        Assessments = await db.CommunityAssessments.AsNoTracking().Where(a => a.CommunityId == Id)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
            .Select(a => new AssessmentView(a.Id, a.AssessedOn, a.Assessor, a.Notes, a.RubricId, a.Scores, a.Category, a.TourismScore, a.Reasons))
            .ToListAsync();
        var rubricIds = Assessments.Select(a => a.RubricId).Distinct().ToList();
        Rubrics = await db.CommunityRubrics.AsNoTracking().Where(r => rubricIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        return Page();
    }

    /// <summary>The group of the assessment before this one (by date), to show movement such as B → A.</summary>
    public CommunityCategory? Previous(int index) => index + 1 < Assessments.Count ? Assessments[index + 1].Category : null;
}
