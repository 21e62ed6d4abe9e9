using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>
/// Every report figure, aggregated in PostgreSQL (GROUP BY through EF), under the caller's query filters (a partner's
/// context counts only its organisation's records). Trainee figures count enrolments (a person in two cohorts counts
/// twice) in cohorts that start in the year; certificates count the valid ones of those cohorts.
/// </summary>
public sealed class ReportQueries(AppDbContext db)
{
    public IQueryable<Cohort> Cohorts(ReportFilter f)
    {
        var q = db.Cohorts.AsNoTracking();
        if (f.Year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(c => c.StartDate >= from && c.StartDate <= to);
        }
        if (f.CourseId is { } course) q = q.Where(c => c.CourseId == course);
        if (f.PartnerId is { } partner) q = q.Where(c => db.CohortPartners.Any(p => p.CohortId == c.Id && p.OrganizationId == partner));
        if (!string.IsNullOrWhiteSpace(f.Province))
        {
            var name = ThaiProvinces.Find(f.Province)?.NameTh ?? "\u0000";
            q = q.Where(c => c.Province == name);
        }
        if (f.Region is { } region) q = q.Where(c => db.Provinces.Any(p => p.NameTh == c.Province && p.Region == region));
        return q;
    }

    /// <summary>Enrolments that count as registered (not waitlisted or withdrawn) in the filtered cohorts.</summary>
    public IQueryable<Enrollment> Registered(ReportFilter f)
    {
        var cohorts = Cohorts(f);
        return db.Enrollments.AsNoTracking().Where(e => e.Status == EnrollmentStatus.Enrolled && cohorts.Any(c => c.Id == e.CohortId));
    }

    public IQueryable<Enrollment> Completed(ReportFilter f) => Registered(f).Where(e => e.Completed == true);

    public IQueryable<Certificate> Certified(ReportFilter f)
    {
        var cohorts = Cohorts(f);
        return db.Certificates.AsNoTracking().Where(c => c.Status == CertificateStatus.Valid && cohorts.Any(x => x.Id == c.CohortId));
    }

    public IQueryable<MouAction> Overdue(DateOnly today, long? partnerId = null) =>
        Actions(partnerId).WhereOpen().Where(a => a.DueDate < today);

    public IQueryable<MouAction> DueThisMonth(DateOnly today, long? partnerId = null)
    {
        var end = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        return Actions(partnerId).WhereOpen().Where(a => a.DueDate >= today && a.DueDate <= end);
    }

    private IQueryable<MouAction> Actions(long? partnerId)
    {
        var q = db.MouActions.AsNoTracking();
        return partnerId is { } p ? q.Where(a => a.ResponsibleOrganizationId == p) : q;
    }

    public IQueryable<Mou> ActiveMous() => db.Mous.AsNoTracking().Where(m => m.Status == MouStatus.Active);

    public IQueryable<Cohort> Running() => db.Cohorts.AsNoTracking().Where(c => c.Status == CohortStatus.Running);

    public async Task<CategoryCounts> CommunitiesAsync()
    {
        var counts = await db.Communities.AsNoTracking().GroupBy(c => c.Category).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
        return new CategoryCounts(
            counts.GetValueOrDefault(CommunityCategory.A),
            counts.GetValueOrDefault(CommunityCategory.B),
            counts.GetValueOrDefault(CommunityCategory.C),
            counts.GetValueOrDefault(CommunityCategory.D),
            counts.GetValueOrDefault(CommunityCategory.Unclassified));
    }

    /// <summary>Per partner organisation: MOUs in force, actions it is responsible for, trainees of the cohorts it delivers.</summary>
    public async Task<List<PartnerFigures>> ByPartnerAsync(ReportFilter f, DateOnly today)
    {
        var end = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        var actions = await db.MouActions.AsNoTracking().GroupBy(a => a.ResponsibleOrganizationId).Select(g => new
        {
            Org = g.Key,
            Total = g.Count(),
            Done = g.Count(a => a.Status == ActionStatus.Done),
            Cancelled = g.Count(a => a.Status == ActionStatus.Cancelled),
            Overdue = g.Count(a => a.DueDate < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled),
            DueMonth = g.Count(a => a.DueDate >= today && a.DueDate <= end && a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled),
        }).ToDictionaryAsync(x => x.Org);
        var mous = await db.MouParties.AsNoTracking().Where(p => db.Mous.Any(m => m.Id == p.MouId && m.Status == MouStatus.Active))
            .GroupBy(p => p.OrganizationId).Select(g => new { Org = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Org, x => x.Count);
        var registered = Registered(f);
        var trainees = await db.CohortPartners.AsNoTracking()
            .Join(registered, p => p.CohortId, e => e.CohortId, (p, e) => new { p.OrganizationId, e.Completed })
            .GroupBy(x => x.OrganizationId)
            .Select(g => new { Org = g.Key, Registered = g.Count(), Completed = g.Count(x => x.Completed == true) })
            .ToDictionaryAsync(x => x.Org);
        var ids = actions.Keys.Concat(mous.Keys).Concat(trainees.Keys).Distinct().ToList();
        if (f.PartnerId is { } only) ids = ids.Where(i => i == only).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.ShortName ?? o.NameTh);
        return ids.Where(names.ContainsKey).Select(id =>
        {
            var a = actions.GetValueOrDefault(id);
            var t = trainees.GetValueOrDefault(id);
            var total = a?.Total ?? 0;
            var done = a?.Done ?? 0;
            var cancelled = a?.Cancelled ?? 0;
            return new PartnerFigures(id, names[id], mous.GetValueOrDefault(id), total, done, cancelled, total - done - cancelled,
                a?.Overdue ?? 0, a?.DueMonth ?? 0, t?.Registered ?? 0, t?.Completed ?? 0);
        }).OrderByDescending(p => p.OverdueActions).ThenByDescending(p => p.ActiveMous).ThenBy(p => p.Name, ThaiCollation.Comparer).ToList();
    }

    /// <summary>
    /// Training figures per (course, cohort province): one GROUP BY over the enrolments and one over the certificates.
    /// At most courses × 77 rows come back, never the enrolments themselves; <see cref="Fold"/> groups them further.
    /// </summary>
    public async Task<TrainingCells> TrainingCellsAsync(ReportFilter f)
    {
        var cohorts = Cohorts(f);
        var enrolments = await Registered(f)
            .Join(cohorts, e => e.CohortId, c => c.Id,
                (e, c) => new { c.CourseId, c.Province, e.Completed, e.AttendedSessions, e.SessionCount })
            .GroupBy(x => new { x.CourseId, x.Province })
            .Select(g => new TrainingCell(g.Key.CourseId, g.Key.Province, g.Count(), g.Count(x => x.Completed == true),
                g.Sum(x => x.AttendedSessions ?? 0), g.Sum(x => x.SessionCount ?? 0), 0))
            .ToListAsync();
        var certificates = await Certified(f).Join(cohorts, x => x.CohortId, c => c.Id, (x, c) => new { c.CourseId, c.Province })
            .GroupBy(x => new { x.CourseId, x.Province })
            .Select(g => new TrainingCell(g.Key.CourseId, g.Key.Province, 0, 0, 0, 0, g.Count())).ToListAsync();
        var courseIds = enrolments.Select(e => e.CourseId).Concat(certificates.Select(c => c.CourseId)).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TitleTh);
        var regions = await db.Provinces.AsNoTracking().Select(p => new { p.NameTh, p.Region }).ToDictionaryAsync(p => p.NameTh, p => p.Region);
        return new TrainingCells([.. enrolments, .. certificates], courses, regions);
    }

    public async Task<List<TrainingFigures>> TrainingByAsync(ReportFilter f, TrainingGrouping by) => Fold(await TrainingCellsAsync(f), by);

    public static List<TrainingFigures> Fold(TrainingCells cells, TrainingGrouping by)
    {
        string Key(TrainingCell c) => by switch
        {
            TrainingGrouping.Course => c.CourseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TrainingGrouping.Province => c.Province ?? "",
            _ => c.Province is not null && cells.Regions.TryGetValue(c.Province, out var r) ? r.ToString() : "",
        };
        string Name(TrainingCell c) => by == TrainingGrouping.Course ? cells.Courses.GetValueOrDefault(c.CourseId, "?") : Key(c);
        return cells.Cells.GroupBy(Key).Select(g => new TrainingFigures(g.Key, Name(g.First()), g.Sum(x => x.Registered), g.Sum(x => x.Completed),
                g.Sum(x => x.Certified), g.Sum(x => x.Attended), g.Sum(x => x.Held)))
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Name, ThaiCollation.Comparer).ToList();
    }

    public async Task<List<RegionFigures>> ByRegionAsync(TrainingCells cells, bool withCommunities)
    {
        var training = Fold(cells, TrainingGrouping.Region).ToDictionary(r => r.Key);
        List<RegionCount> communities = withCommunities
            ? await db.Communities.AsNoTracking().GroupBy(c => new { c.Region, c.Category })
                .Select(g => new RegionCount(g.Key.Region, g.Key.Category, g.Count())).ToListAsync()
            : [];
        var keys = Enum.GetValues<Region>().Select(r => r.ToString()).ToList();
        if (training.ContainsKey("")) keys.Add("");
        return keys.Select(k =>
        {
            var c = communities.Where(x => x.Region.ToString() == k).ToDictionary(x => x.Category, x => x.Count);
            var t = training.GetValueOrDefault(k);
            return new RegionFigures(k == "" ? "Unknown" : k,
                new CategoryCounts(c.GetValueOrDefault(CommunityCategory.A), c.GetValueOrDefault(CommunityCategory.B), c.GetValueOrDefault(CommunityCategory.C),
                    c.GetValueOrDefault(CommunityCategory.D), c.GetValueOrDefault(CommunityCategory.Unclassified)),
                t?.Registered ?? 0, t?.Completed ?? 0, t?.Certified ?? 0);
        }).ToList();
    }

    private sealed record RegionCount(Region Region, CommunityCategory Category, int Count);
}
