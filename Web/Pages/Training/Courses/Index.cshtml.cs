namespace PartnerPrograms.Web.Pages.Training.Courses;

[Authorize(Policy = PortalAuth.StaffPolicy)]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(long Id, string TitleTh, string? TitleEn, decimal Hours, int MinAttendancePercent, decimal? PassMark, int Cohorts);
    public List<Row> Courses { get; private set; } = [];

    public async Task OnGetAsync() =>
        Courses = await db.Courses.AsNoTracking().OrderBy(c => c.TitleTh)
            .Select(c => new Row(c.Id, c.TitleTh, c.TitleEn, c.Hours, c.MinAttendancePercent, c.PassMark, db.Cohorts.Count(h => h.CourseId == c.Id)))
            .ToListAsync();
}
