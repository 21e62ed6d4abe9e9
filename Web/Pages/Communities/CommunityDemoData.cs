using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Web.Demo;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>
/// Twenty tourism communities in real sub-districts, assessed over 2024–2025 so every group is present, several are
/// in group C (the seed's follow-up) and some moved from B to A after infrastructure work. Contacts are invented.
/// Idempotent: a community already there (same name and sub-district) is left alone.
/// </summary>
public sealed class CommunityDemoData(TimeProvider clock) : IDemoContributor
{
    public int Order => 30;

    // Scores per section for rubric v1: attraction /15, readiness /20, products /10, learning /10.
    private static readonly (int A, int R, int P, int L) GroupA = (14, 17, 9, 6), GroupB = (13, 9, 8, 5), BeforeA = (12, 8, 8, 5),
        GroupC = (6, 7, 4, 8), GroupD = (4, 5, 7, 3), Weak = (3, 3, 3, 3);

    private sealed record Seed(string Name, int VillageNo, int SubDistrict, string Contact, string Phone, string[] Partners,
        (string Date, (int A, int R, int P, int L) Scores)[] Assessments, string? Notes = null, (CommunityCategory Group, string Reason)? Override = null);

    private static readonly Seed[] Seeds =
    [
        new("บ้านแม่กำปอง", 3, 502304, "สุนันทา คำแก้ว", "081-502-3041", ["cdd", "foundation"],
            [("2024-05-14", BeforeA), ("2025-08-20", GroupA)], "โฮมสเตย์และกาแฟบนดอย"),
        new("บ้านนาต้นจั่น", 6, 640505, "บุญเรือน ทองดี", "089-640-5051", ["cdd", "gsb"],
            [("2024-03-02", BeforeA), ("2025-02-18", GroupA)], "ตุ๊กตาบาร์โอนและผ้าทอ; ถนนเข้าหมู่บ้านปรับปรุงแล้ว"),
        new("ชุมชนเชียงคาน", 1, 420301, "ประยูร ริมโขง", "084-420-3011", ["cdd"], [("2025-01-09", GroupA)]),
        new("ชุมชนอัมพวา", 2, 750301, "วนิดา สวนมะพร้าว", "086-750-3012", ["cdd", "osmep"], [("2024-11-11", GroupA)]),
        new("บ้านนาหมื่นศรี", 5, 920805, "ละเอียด ทอผ้า", "087-920-8055", ["cdd", "codi"], [("2025-04-03", GroupC)], "ผ้าทอนาหมื่นศรี ภูมิปัญญาการทอ"),
        new("บ้านเชียง", 13, 410609, "ชาญชัย ดินเผา", "081-410-6093", ["cdd", "msu"], [("2025-03-21", GroupC)], "ศูนย์เรียนรู้เครื่องปั้นดินเผาลายเขียนสี"),
        new("บ้านผาหมี", 7, 570906, "อาแซ เชอมือ", "080-570-9067", ["cdd"], [("2025-06-12", GroupB)], "ถนนขึ้นดอยยังต้องปรับปรุง"),
        new("บ้านท่าสองคอน", 4, 440109, "ทองใบ ไหมงาม", "083-440-1094", ["msu", "cdd"],
            [("2024-09-05", GroupD), ("2025-07-30", GroupC)], "ฐานเรียนรู้การทอผ้าไหม"),
        new("บ้านหนองขาว", 2, 710605, "สมจิต ผ้าขาวม้า", "082-710-6052", ["cdd", "baac"], [("2025-05-17", GroupC)], "พิพิธภัณฑ์ผ้าขาวม้าและปราชญ์ชุมชน"),
        new("ชุมชนเกาะยาวน้อย", 1, 820201, "ยะห์ยา ทะเลงาม", "089-820-2011", ["cdd", "gsb"],
            [("2024-04-22", BeforeA), ("2025-09-10", GroupA)], "ท่าเรือและห้องน้ำสาธารณะสร้างเสร็จปี 2568"),
        new("บ้านปราสาท", 8, 301006, "สุวิทย์ โบราณคดี", "081-301-0068", ["cdd"], [("2025-02-27", GroupB)]),
        new("ชุมชนคีรีวง", 9, 800304, "นงลักษณ์ สวนสมรม", "086-800-3049", ["cdd", "codi"], [("2024-12-01", GroupA)]),
        new("บ้านน้ำเชี่ยว", 4, 230105, "ฮาซัน ชายฝั่ง", "085-230-1054", ["cdd"], [("2025-03-08", GroupB)]),
        new("บ้านแม่ทา", 2, 502306, "ศรีนวล เกษตรอินทรีย์", "081-502-3062", ["cdd", "baac"], [("2025-01-25", GroupC)], "ฐานเรียนรู้เกษตรอินทรีย์"),
        new("บ้านสามขา", 5, 521008, "บุญมี ร่วมใจ", "084-521-0085", ["cdd", "vfund"], [("2025-04-19", GroupD)], "ผลิตภัณฑ์จักสาน"),
        new("บ้านหนองบัว", 3, 550105, "คำปัน ไทลื้อ", "087-550-1053", ["cdd"], [("2025-06-02", GroupD)]),
        new("ชุมชนตลาดน้ำดอนหวาย", 6, 730604, "มยุรี ขนมไทย", "082-730-6046", ["cdd", "osmep"], [("2025-05-05", GroupD)]),
        new("บ้านหาดเสี้ยว", 1, 640501, "จำปี ผ้าตีนจก", "083-640-5011", ["cdd", "foundation"], [("2025-07-07", GroupD)], "ผ้าซิ่นตีนจก",
            (CommunityCategory.C, "มีศูนย์เรียนรู้ผ้าตีนจกและปราชญ์ชุมชนพร้อมถ่ายทอด แม้คะแนนแหล่งเรียนรู้ยังไม่ครบ")),
        new("บ้านทุ่งหลวง", 10, 640302, "สมศักดิ์ ดินดี", "080-640-3020", ["cdd"], [("2025-08-01", GroupC)], "เครื่องปั้นดินเผาทุ่งหลวง"),
        new("บ้านบ้านกาด", 1, 502201, "อำไพ ใจเย็น", "081-502-2011", ["gsb"], [("2025-09-01", Weak)]),
    ];

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        await GeographyLoader.EnsureLoadedAsync(db.Database.GetConnectionString()!, ct);
        var service = new CommunityService(db, clock);
        var rubric = await service.CurrentRubricAsync(ct);
        var today = service.Today;
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = (await db.Communities.IgnoreQueryFilters().Select(c => new { c.Name, c.SubDistrictId }).ToListAsync(ct))
            .Select(c => (c.Name, c.SubDistrictId)).ToHashSet();
        var keys = rubric.Definition.Sections.ToDictionary(s => s.Role, s => s.Criteria);
        foreach (var seed in Seeds.Where(s => !existing.Contains((s.Name, s.SubDistrict))))
        {
            if (await service.PlaceAsync(seed.SubDistrict, ct) is not { } place) continue;
            var c = new Community
            {
                Name = seed.Name,
                VillageNo = seed.VillageNo,
                ContactName = seed.Contact,
                ContactPhone = seed.Phone,
                Notes = seed.Notes,
                CreatedAt = now,
                Partners = seed.Partners
                    .Where(demo.Organizations.ContainsKey)
                    .Select(k => new CommunityPartner { OrganizationId = demo.Organizations[k].Id })
                    .ToList(),
            };
            c.PlaceIn(place.S, place.D, place.P);
            foreach (var (date, s) in seed.Assessments)
                c.Assess(
                    rubric,
                    DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
                    Spread(keys, s),
                    "ทีมประเมิน พช. และมูลนิธิ (สาธิต)",
                    null,
                    "demo",
                    today,
                    now);
            if (seed.Override is { } o) c.Override(o.Group, o.Reason, "staff@demo.local", now);
            db.Communities.Add(c);
        }
        await db.SaveChangesAsync(ct);
    }

    private static Dictionary<string, int> Spread(Dictionary<SectionRole, List<RubricCriterion>> criteria, (int A, int R, int P, int L) s)
    {
        var totals = new Dictionary<SectionRole, int>
        {
            [SectionRole.Attraction] = s.A,
            [SectionRole.Readiness] = s.R,
            [SectionRole.Products] = s.P,
            [SectionRole.Learning] = s.L,
        };
        var result = new Dictionary<string, int>();
        foreach (var (role, list) in criteria)
        {
            // Spread evenly so the demo scores look like real ones rather than 5, 5, 0.
            var left = totals[role];
            for (var i = 0; i < list.Count; i++)
            {
                var share = Math.Min(list[i].MaxScore, (int)Math.Ceiling(left / (double)(list.Count - i)));
                result[list[i].Key] = share;
                left -= share;
            }
        }
        return result;
    }
}
