using System.Globalization;
using System.Text;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>
/// The group-C list the seed's follow-up asks for (learning-site potential): choose areas and plan entrepreneur
/// training for them. The link hands the chosen community ids to the training feature's cohort page.
/// </summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class GroupCModel(AppDbContext db, CommunityService service) : PageModel
{
    public const string PlanCohortUrl = "/Training/Cohorts/Create";
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public List<Row> Rows { get; private set; } = [];
    public List<IndexModel.ProvinceOption> Provinces { get; private set; } = [];

    public sealed record Row(long Id, string Name, int? VillageNo, string SubDistrict, string District, string Province, Region Region,
        string? ContactName, string? ContactPhone, DateOnly? LastAssessedOn, decimal? LearningScore);

    public string PlanLink => PlanCohortUrl + "?communityIds=" + string.Join(",", Rows.Take(200).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));

    public async Task OnGetAsync()
    {
        Rows = await LoadAsync();
        Provinces = await db.Provinces.AsNoTracking()
            .OrderBy(p => p.NameTh)
            .Select(p => new IndexModel.ProvinceOption(p.Code, p.NameTh, p.NameEn))
            .ToListAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var rows = await LoadAsync();
        var sb = new StringBuilder("id,name,village_no,sub_district,district,province,region,contact_name,contact_phone,last_assessed_on\n");
        foreach (var r in rows)
            sb.AppendLine(string.Join(",", new[]
            {
                r.Id.ToString(CultureInfo.InvariantCulture), r.Name, r.VillageNo?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.SubDistrict, r.District, r.Province, r.Region.ToString(), r.ContactName ?? "", r.ContactPhone ?? "",
                r.LastAssessedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            }.Select(Csv)));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray(), "text/csv; charset=utf-8", "group-c-communities.csv");
    }

    // Neutralised first: a name or contact starting with = + - @ would run as a formula in Excel.
    private static string Csv(string v) => (v = Training.TableExport.Neutralize(v)).IndexOfAny([',', '"', '\n', '\r']) >= 0
        ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : v;

    private async Task<List<Row>> LoadAsync() =>
        await service.Filter(db.Communities.AsNoTracking(), CommunityCategory.C, Province, Regions.Parse(Region), null)
            .OrderBy(c => c.ProvinceId).ThenBy(c => c.Name).Take(1000)
            .Select(c => new Row(c.Id, c.Name, c.VillageNo,
                db.SubDistricts.Where(s => s.Id == c.SubDistrictId).Select(s => s.NameTh).First(),
                db.Districts.Where(d => d.Id == c.DistrictId).Select(d => d.NameTh).First(),
                db.Provinces.Where(p => p.Id == c.ProvinceId).Select(p => p.NameTh).First(),
                c.Region, c.ContactName, c.ContactPhone, c.LastAssessedOn, null))
            .ToListAsync();
}
