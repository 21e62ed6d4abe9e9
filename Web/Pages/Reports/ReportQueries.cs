using System.Text.Json.Serialization;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>
/// The filters of every report, dashboard figure and drill-down list. Year is Gregorian (a Buddhist-era year, &gt; 2400,
/// is converted when parsed); Province is the DOPA code or a name; Region the enum.
/// </summary>
public sealed record ReportFilter(int? Year = null, long? CourseId = null, long? PartnerId = null, string? Province = null, Region? Region = null)
{
    public static int? ParseYear(int? year) => year is { } y ? (y > 2400 ? y - 543 : y) : null;

    public static Region? ParseRegion(string? value) =>
        Enum.TryParse<Region>(value?.Trim().Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(value, out _) ? r : null;

    /// <summary>The query string of this filter (for links from a figure to its list, and to the exports).</summary>
    public string Query(string? kind = null)
    {
        var parts = new List<string>();
        if (kind is not null) parts.Add("kind=" + kind);
        // "all" rather than nothing: the report and the exports default to the current year.
        parts.Add("year=" + (Year is { } y ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all"));
        if (CourseId is { } c) parts.Add("courseId=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PartnerId is { } p) parts.Add("partnerId=" + p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(Province)) parts.Add("province=" + Uri.EscapeDataString(Province));
        if (Region is { } r) parts.Add("region=" + r);
        return "?" + string.Join('&', parts);
    }
}

/// <summary>What a drill-down list shows; the dashboard's and report's figures are counts of exactly these rows.</summary>
public enum ReportListKind { Registered, Completed, Certified, Overdue, DueThisMonth }

public sealed record PartnerFigures(long OrganizationId, string Name, int ActiveMous, int Actions, int ActionsDone, int ActionsCancelled,
    int OpenActions, int OverdueActions, int DueThisMonth, int TraineesRegistered, int TraineesCompleted)
{
    public decimal? ActionCompletionRate => Actions - ActionsCancelled > 0 ? Math.Round(100m * ActionsDone / (Actions - ActionsCancelled), 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Communities by group, with the JSON names of the issue (A–D in capitals, unclassified).</summary>
public sealed record CategoryCounts(
    [property: JsonPropertyName("A")] int A, [property: JsonPropertyName("B")] int B, [property: JsonPropertyName("C")] int C,
    [property: JsonPropertyName("D")] int D, [property: JsonPropertyName("unclassified")] int Unclassified)
{
    [JsonIgnore] public int Total => A + B + C + D + Unclassified;
    public int Of(CommunityCategory c) => c switch
    {
        CommunityCategory.A => A,
        CommunityCategory.B => B,
        CommunityCategory.C => C,
        CommunityCategory.D => D,
        _ => Unclassified,
    };
}

public sealed record RegionFigures(string Region, CategoryCounts Communities, int TraineesRegistered, int TraineesCompleted, int CertificatesIssued);

public sealed record TrainingFigures(string Key, string Name, int Registered, int Completed, int Certified, int AttendedSessions, int HeldSessions)
{
    public decimal? CompletionRate => Registered > 0 ? Math.Round(100m * Completed / Registered, 1, MidpointRounding.AwayFromZero) : null;
    public decimal? AttendanceRate => HeldSessions > 0 ? Math.Round(100m * AttendedSessions / HeldSessions, 1, MidpointRounding.AwayFromZero) : null;
}

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
        return new CategoryCounts(counts.GetValueOrDefault(CommunityCategory.A), counts.GetValueOrDefault(CommunityCategory.B),
            counts.GetValueOrDefault(CommunityCategory.C), counts.GetValueOrDefault(CommunityCategory.D), counts.GetValueOrDefault(CommunityCategory.Unclassified));
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
        }).OrderByDescending(p => p.OverdueActions).ThenByDescending(p => p.ActiveMous).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Training figures per (course, cohort province): one GROUP BY over the enrolments and one over the certificates.
    /// At most courses × 77 rows come back, never the enrolments themselves; <see cref="Fold"/> groups them further.
    /// </summary>
    public async Task<TrainingCells> TrainingCellsAsync(ReportFilter f)
    {
        var cohorts = Cohorts(f);
        var enrolments = await Registered(f).Join(cohorts, e => e.CohortId, c => c.Id, (e, c) => new { c.CourseId, c.Province, e.Completed, e.AttendedSessions, e.SessionCount })
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
            .OrderByDescending(r => r.Registered).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
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

public enum TrainingGrouping { Course, Province, Region }

public sealed record TrainingCell(long CourseId, string? Province, int Registered, int Completed, int Attended, int Held, int Certified);

public sealed record TrainingCells(List<TrainingCell> Cells, Dictionary<long, string> Courses, Dictionary<string, Region> Regions);
