using System.Globalization;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Web.Pages.Mous;
using PartnerPrograms.Web.Pages.Training;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>
/// The programme report as XLSX, CSV and a board-meeting PDF, and the annual summary PDF of a partner organisation.
/// Documents are always Thai (Buddhist-era dates and years), as meetings use them.
/// </summary>
public sealed class ReportDocuments(DocumentRenderer renderer)
{
    private static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", Thai);
    private static string N(int v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    private static string Pct(decimal? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static readonly IReadOnlyDictionary<string, string> RegionTh = new Dictionary<string, string>
    {
        [nameof(Region.North)] = "ภาคเหนือ",
        [nameof(Region.Central)] = "ภาคกลาง",
        [nameof(Region.NorthEast)] = "ภาคตะวันออกเฉียงเหนือ",
        [nameof(Region.West)] = "ภาคตะวันตก",
        [nameof(Region.East)] = "ภาคตะวันออก",
        [nameof(Region.South)] = "ภาคใต้",
        [""] = "ไม่ระบุจังหวัด (ออนไลน์)",
        ["Unknown"] = "ไม่ระบุจังหวัด (ออนไลน์)",
    };

    public static readonly IReadOnlyDictionary<MouStatus, string> MouStatusTh = new Dictionary<MouStatus, string>
    {
        [MouStatus.Draft] = "ร่าง",
        [MouStatus.Active] = "มีผลบังคับใช้",
        [MouStatus.Expired] = "หมดอายุ",
        [MouStatus.Terminated] = "ยกเลิก",
        [MouStatus.Renewed] = "ต่ออายุแล้ว",
    };

    private static readonly string[] TrainingHeader = ["", "ลงทะเบียน", "สำเร็จการอบรม", "ได้รับวุฒิบัตร", "อัตราสำเร็จ", "อัตราการเข้าอบรม"];
    private static readonly string[] PartnerHeader = ["ภาคี", "MOU ที่มีผล", "ภารกิจทั้งหมด", "เสร็จแล้ว", "เกินกำหนด", "ครบกำหนดเดือนนี้", "อัตราความสำเร็จ"];

    /// <summary>"ปี 2567 · หลักสูตร … · จังหวัด …": the filters in words.</summary>
    public static string Describe(ReportFilter f, string? course, string? partner)
    {
        var parts = new List<string> { f.Year is { } y ? $"ปี พ.ศ. {y + 543}" : "ทุกปี" };
        if (course is not null) parts.Add("หลักสูตร " + course);
        if (partner is not null) parts.Add("ภาคี " + partner);
        if (ThaiProvinces.Find(f.Province) is { } p) parts.Add("จังหวัด" + p.NameTh);
        if (f.Region is { } r) parts.Add(RegionTh[r.ToString()]);
        return string.Join(" · ", parts);
    }

    private static string RegionName(string key) => RegionTh.GetValueOrDefault(key, key);
    private static string ProvinceName(string key) => key.Length == 0 ? RegionTh[""] : key;

    private static List<string> TrainingRow(string name, TrainingFigures t) =>
        [name, N(t.Registered), N(t.Completed), N(t.Certified), Pct(t.CompletionRate), Pct(t.AttendanceRate)];

    public static List<TableExport> Tables(ProgrammeReport r)
    {
        TableExport Training(string sheet, string first, IEnumerable<(string Name, TrainingFigures T)> rows)
        {
            var t = new TableExport(sheet, [first, .. TrainingHeader[1..]]);
            foreach (var (name, x) in rows) t.Add(name, x.Registered, x.Completed, x.Certified, x.CompletionRate, x.AttendanceRate);
            return t;
        }
        var summary = Training("สรุป", "รายการ", [("รวมทั้งหมด", r.Totals)]);
        var partners = new TableExport("ภาคี", PartnerHeader);
        foreach (var p in r.ByPartner) partners.Add(p.Name, p.ActiveMous, p.Actions, p.ActionsDone, p.OverdueActions, p.DueThisMonth, p.ActionCompletionRate);
        return
        [
            summary,
            Training("หลักสูตร", "หลักสูตร", r.ByCourse.Select(c => (c.Name, c))),
            Training("ภาค", "ภาค", r.ByRegion.Select(c => (RegionName(c.Key), c))),
            Training("จังหวัด", "จังหวัด", r.ByProvince.Select(c => (ProvinceName(c.Key), c))),
            partners,
        ];
    }

    public static byte[] Xlsx(ProgrammeReport r) => TableExport.ToXlsx(Tables(r));
    public static byte[] Csv(ProgrammeReport r) => TableExport.ToCsv(Tables(r));

    public static ReportData ProgrammeData(ProgrammeReport r, string filters) => new(
        "รายงานผลการดำเนินงานโครงการ", filters, Long(r.AsOf),
        [
            new("ผู้ลงทะเบียน (คน-หลักสูตร)", N(r.Totals.Registered)),
            new("สำเร็จการอบรม", N(r.Totals.Completed)),
            new("ได้รับวุฒิบัตร", N(r.Totals.Certified)),
            new("อัตราสำเร็จการอบรม", Pct(r.Totals.CompletionRate)),
            new("อัตราการเข้าอบรม (รุ่นที่ปิดแล้ว)", Pct(r.Totals.AttendanceRate)),
            new("ภารกิจ MOU เกินกำหนด", N(r.ByPartner.Sum(p => p.OverdueActions))),
        ],
        [
            new("ผลการอบรมรายหลักสูตร", ["หลักสูตร", .. TrainingHeader[1..]], r.ByCourse.Select(c => TrainingRow(c.Name, c)).ToList(),
                new("แท่งอ่อน: ลงทะเบียน · แท่งเข้ม: สำเร็จการอบรม",
                    r.ByCourse.Take(15).Select(c => new ReportBar(c.Name, c.Registered, c.Completed)).ToList())),
            new("ผลการอบรมรายภาค", ["ภาค", .. TrainingHeader[1..]], r.ByRegion.Select(c => TrainingRow(RegionName(c.Key), c)).ToList(),
                new("แท่งอ่อน: ลงทะเบียน · แท่งเข้ม: สำเร็จการอบรม",
                    r.ByRegion.Select(c => new ReportBar(RegionName(c.Key), c.Registered, c.Completed)).ToList())),
            new("ผลการอบรมรายจังหวัด", ["จังหวัด", .. TrainingHeader[1..]], r.ByProvince.Select(c => TrainingRow(ProvinceName(c.Key), c)).ToList()),
            new("ความสำเร็จของภารกิจตาม MOU รายภาคี", PartnerHeader.ToList(),
                r.ByPartner
                    .Select(p => new List<string>
                    {
                        p.Name, N(p.ActiveMous), N(p.Actions), N(p.ActionsDone), N(p.OverdueActions), N(p.DueThisMonth),
                        Pct(p.ActionCompletionRate),
                    })
                    .ToList(),
                new("แท่งอ่อน: ภารกิจทั้งหมด · แท่งเข้ม: เสร็จแล้ว", r.ByPartner
                    .Where(p => p.Actions > 0)
                    .Take(15)
                    .Select(p => new ReportBar(p.Name, p.Actions, p.ActionsDone))
                    .ToList()),
                "อัตราความสำเร็จ = ภารกิจที่เสร็จแล้ว ÷ ภารกิจทั้งหมดที่ไม่ถูกยกเลิก"),
        ]);

    public Task<byte[]> ProgrammePdfAsync(ProgrammeReport r, string filters, CancellationToken ct = default) =>
        renderer.RenderPdfAsync<ReportDocument>(new Dictionary<string, object?> { ["Data"] = ProgrammeData(r, filters) },
            new PdfPageOptions(FooterTemplate: ReportDocument.Footer), ct);

    /// <summary>
    /// A partner organisation's year: the MOUs it is party to whose term touches the year, the actions it is
    /// responsible for under them, and the trainees of the cohorts linked to those MOUs or delivered by the
    /// organisation that start in the year. Reads under the caller's scope.
    /// </summary>
    public static async Task<ReportData?> PartnerAnnualDataAsync(AppDbContext db, long organizationId, int year, DateOnly today)
    {
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.NameTh, o.ShortName }).SingleOrDefaultAsync();
        if (org is null) return null;
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var open = OpenActions.Filter;
        var mous = await db.Mous.AsNoTracking()
            .Where(m => m.Parties.Any(p => p.OrganizationId == organizationId) && m.StartDate <= to && m.EndDate >= from && m.Status != MouStatus.Draft)
            .OrderBy(m => m.StartDate).ThenBy(m => m.Code)
            .Select(m => new
            {
                m.Id,
                m.Code,
                m.Title,
                m.Status,
                m.StartDate,
                m.EndDate,
                Actions = db.MouActions.Count(a => a.MouId == m.Id),
                Done = db.MouActions.Count(a => a.MouId == m.Id && a.Status == ActionStatus.Done),
                Overdue = db.MouActions.Where(open).Count(a => a.MouId == m.Id && a.DueDate < today),
            }).ToListAsync();
        var mouIds = mous.Select(m => m.Id).ToList();
        var actions = await db.MouActions.AsNoTracking()
            .Where(a => mouIds.Contains(a.MouId) && a.ResponsibleOrganizationId == organizationId)
            .OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.Id).Take(300)
            .Select(a => new { a.Title, MouCode = db.Mous.Where(m => m.Id == a.MouId).Select(m => m.Code).First(), a.DueDate, a.Status, a.Percent })
            .ToListAsync();
        var cohorts = await db.Cohorts.AsNoTracking()
            .Where(c => c.StartDate >= from && c.StartDate <= to &&
                ((c.MouId != null && mouIds.Contains(c.MouId.Value)) || db.CohortPartners.Any(p => p.CohortId == c.Id && p.OrganizationId == organizationId)))
            .OrderBy(c => c.StartDate).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Name,
                Course = c.Course.TitleTh,
                c.Province,
                c.StartDate,
                MouCode = db.Mous.Where(m => m.Id == c.MouId).Select(m => m.Code).FirstOrDefault(),
                Registered = c.Enrollments.Count(e => e.Status == EnrollmentStatus.Enrolled),
                Completed = c.Enrollments.Count(e => e.Status == EnrollmentStatus.Enrolled && e.Completed == true),
                Certified = db.Certificates.Count(x => x.CohortId == c.Id && x.Status == CertificateStatus.Valid),
            }).ToListAsync();

        var name = org.NameTh;
        return new ReportData($"รายงานสรุปประจำปี พ.ศ. {year + 543}", name, Long(today),
        [
            new("MOU ในปีนี้", N(mous.Count)),
            new("ภารกิจที่รับผิดชอบ เสร็จแล้ว", $"{N(actions.Count(a => a.Status == ActionStatus.Done))} / {N(actions.Count)}"),
            new("ภารกิจเกินกำหนด", N(actions.Count(a => a.DueDate < today && a.Status is not (ActionStatus.Done or ActionStatus.Cancelled)))),
            new("รุ่นการอบรม", N(cohorts.Count)),
            new("ผู้ลงทะเบียน", N(cohorts.Sum(c => c.Registered))),
            new("สำเร็จการอบรม", N(cohorts.Sum(c => c.Completed))),
        ],
        [
            new("บันทึกข้อตกลงความร่วมมือ (MOU)", ["MOU", "สถานะ", "ระยะเวลา", "ภารกิจ", "เสร็จแล้ว", "เกินกำหนด"],
                mous
                    .Select(m => new List<string>
                    {
                        $"{m.Code} {m.Title}", MouStatusTh[m.Status], $"{Long(m.StartDate)} – {Long(m.EndDate)}",
                        N(m.Actions), N(m.Done), N(m.Overdue),
                    })
                    .ToList(),
                TextColumns: 3),
            new("ภารกิจที่ " + (org.ShortName ?? name) + " รับผิดชอบ", ["ภารกิจ", "MOU", "กำหนดเสร็จ", "สถานะ", "ร้อยละ"],
                actions
                    .Select(a => new List<string>
                    {
                        a.Title, a.MouCode, a.DueDate is { } d ? Long(d) : "–", MouDocuments.StatusTh[a.Status], N(a.Percent),
                    })
                    .ToList(),
                TextColumns: 4),
            new("ผู้รับการอบรมภายใต้ความร่วมมือ", ["รุ่น", "หลักสูตร", "MOU", "จังหวัด", "ลงทะเบียน", "สำเร็จ", "วุฒิบัตร"],
                cohorts
                    .Select(c => new List<string>
                    {
                        c.Name, c.Course, c.MouCode ?? "–", c.Province ?? "ออนไลน์", N(c.Registered), N(c.Completed), N(c.Certified),
                    })
                    .ToList(),
                new("แท่งอ่อน: ลงทะเบียน · แท่งเข้ม: สำเร็จการอบรม", cohorts.Take(15).Select(c => new ReportBar(c.Name, c.Registered, c.Completed)).ToList()),
                "นับรุ่นที่เริ่มในปีนี้และผูกกับ MOU ข้างต้น หรือที่องค์กรนี้ร่วมจัด", TextColumns: 4),
        ]);
    }

    public Task<byte[]> PdfAsync(ReportData data, CancellationToken ct = default) =>
        renderer.RenderPdfAsync<ReportDocument>(
            new Dictionary<string, object?> { ["Data"] = data },
            new PdfPageOptions(FooterTemplate: ReportDocument.Footer),
            ct);
}
