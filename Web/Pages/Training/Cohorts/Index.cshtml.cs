using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training.Cohorts;

/// <summary>Cohorts: staff see all, a partner the cohorts its organisation delivers (query filter).</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public CohortStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? CourseId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int Total { get; private set; }
    public List<Row> Cohorts { get; private set; } = [];
    public List<(long Id, string Title)> Courses { get; private set; } = [];

    public sealed record Row(
        long Id,
        string Name,
        string Course,
        CohortStatus Status,
        DateOnly? StartDate,
        DateOnly? EndDate,
        bool IsOnline,
        string? Province,
        int Capacity,
        int Enrolled,
        int Waitlisted);

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Participant)) return NotFound();
        var query = db.Cohorts.AsNoTracking();
        if (Status is { } s) query = query.Where(c => c.Status == s);
        if (CourseId is { } cid) query = query.Where(c => c.CourseId == cid);
        if (ThaiProvinces.Find(Province) is { } p) query = query.Where(c => c.Province == p.NameTh);
        Total = await query.CountAsync();
        PageNumber = PartnerPrograms.Web.Infrastructure.QueryLimits.Page(PageNumber);
        Cohorts = await query.OrderByDescending(c => c.StartDate)
            .ThenByDescending(c => c.Id)
            .Skip(PartnerPrograms.Web.Infrastructure.QueryLimits.Offset(PageNumber, PageSize))
            .Take(PageSize)
            .Select(c => new Row(c.Id, c.Name, c.Course.TitleTh, c.Status, c.StartDate, c.EndDate, c.IsOnline, c.Province, c.Capacity,
                c.Enrollments.Count(e => e.Status == EnrollmentStatus.Enrolled), c.Enrollments.Count(e => e.Status == EnrollmentStatus.Waitlisted)))
            .ToListAsync();
        Courses = (await db.Courses.AsNoTracking()
                .OrderBy(c => c.TitleTh)
                .Select(c => new { c.Id, c.TitleTh })
                .ToListAsync())
            .Select(c => (c.Id, c.TitleTh))
            .ToList();
        return Page();
    }
}
