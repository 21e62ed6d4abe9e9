using System.Text.Json;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Communities by group, region and province, and movement between groups over time (e.g. B → A).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class SummaryModel(AppDbContext db) : PageModel
{
    public static readonly CommunityCategory[] Groups =
        [CommunityCategory.A, CommunityCategory.B, CommunityCategory.C, CommunityCategory.D, CommunityCategory.Unclassified];
    public Dictionary<(Region, CommunityCategory), int> ByRegion { get; private set; } = [];
    public List<ProvinceRow> ByProvince { get; private set; } = [];
    public List<MovementCount> Movements { get; private set; } = [];
    public List<RecentMove> Recent { get; private set; } = [];
    public int Total { get; private set; }
    public string ProvinceChartJson { get; private set; } = "{}";
    public string RegionChartJson { get; private set; } = "{}";

    public sealed record ProvinceRow(string Code, string Name, Region Region, Dictionary<CommunityCategory, int> Counts)
    {
        public int Total => Counts.Values.Sum();
    }

    public sealed class MovementCount { public string From { get; set; } = ""; public string To { get; set; } = ""; public int Count { get; set; } }
    public sealed class RecentMove
    {
        public long CommunityId { get; set; }
        public string Name { get; set; } = "";
        public string From { get; set; } = "";
        public string To { get; set; } = "";
        public DateOnly AssessedOn { get; set; }
    }

    public async Task OnGetAsync()
    {
        var regionCounts = await db.Communities.AsNoTracking().GroupBy(c => new { c.Region, c.Category })
            .Select(g => new { g.Key.Region, g.Key.Category, Count = g.Count() }).ToListAsync();
        ByRegion = regionCounts.ToDictionary(x => (x.Region, x.Category), x => x.Count);
        Total = regionCounts.Sum(x => x.Count);

        var provinceCounts = await db.Communities.AsNoTracking().GroupBy(c => new { c.ProvinceId, c.Category })
            .Select(g => new { g.Key.ProvinceId, g.Key.Category, Count = g.Count() }).ToListAsync();
        var ids = provinceCounts.Select(p => p.ProvinceId).Distinct().ToList();
        var provinces = await db.Provinces.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        ByProvince = provinceCounts.GroupBy(p => p.ProvinceId)
            .Select(g => new ProvinceRow(
                provinces[g.Key].Code,
                provinces[g.Key].NameTh,
                provinces[g.Key].Region,
                g.ToDictionary(x => x.Category, x => x.Count)))
            .OrderByDescending(p => p.Total)
            .ThenBy(p => p.Name, ThaiCollation.Comparer)
            .ToList();

        // Movement: consecutive assessments of one community (by date) whose groups differ.
        Movements = await db.Database.SqlQueryRaw<MovementCount>("""
            select prev as "From", category as "To", count(*)::int as "Count"
            from (select category, lag(category) over (partition by community_id order by assessed_on, id) as prev from community_assessments) t
            where prev is not null and prev <> category
            group by prev, category order by count(*) desc, prev, category
            """).ToListAsync();
        Recent = await db.Database.SqlQueryRaw<RecentMove>("""
            select t.community_id as "CommunityId", c.name as "Name", t.prev as "From", t.category as "To", t.assessed_on as "AssessedOn"
            from (select community_id, category, assessed_on, id,
                         lag(category) over (partition by community_id order by assessed_on, id) as prev
                  from community_assessments) t
            join communities c on c.id = t.community_id
            where t.prev is not null and t.prev <> t.category
            order by t.assessed_on desc, t.id desc limit 30
            """).ToListAsync();

        var top = ByProvince.Take(20).ToList();
        ProvinceChartJson = Chart(top.Select(p => p.Name), g => top.Select(p => p.Counts.GetValueOrDefault(g)));
        var regions = Enum.GetValues<Region>();
        RegionChartJson = Chart(regions.Select(r => r.ToString()), g => regions.Select(r => ByRegion.GetValueOrDefault((r, g))), regionKeys: true);
    }

    private static string Chart(IEnumerable<string> labels, Func<CommunityCategory, IEnumerable<int>> data, bool regionKeys = false) =>
        JsonSerializer.Serialize(new
        {
            labels = labels.ToList(),
            regionKeys,
            datasets = Groups.Select(g => new { key = g.ToString(), data = data(g).ToList() }).ToList(),
        });
}
