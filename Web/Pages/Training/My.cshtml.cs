using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training;

/// <summary>A participant's own cohorts and sessions (the query filters limit everything to their trainee record).</summary>
public class MyModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<CohortView> Cohorts { get; private set; } = [];
    public sealed record CohortView(long Id, string CourseTitle, string Name, CohortStatus Status, EnrollmentStatus MyStatus, bool? Completed,
        List<SessionView> Sessions);
    public sealed record SessionView(DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Topic, string? Place, AttendanceStatus? Mine);

    /// <summary>
    /// The person's mark, if it may stand: before a session starts only an apology (excused) can, so a mark stored
    /// ahead by mistake before the rule existed is not shown as if it had happened.
    /// </summary>
    public AttendanceStatus? MarkOf(SessionView s) => s.Mine is { } m
        && (AttendanceRules.AllowedBeforeStart(m) || AttendanceRules.HasStarted(s.Date, s.StartTime, clock.GetUtcNow()))
        ? m : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsInRole(Roles.Participant) || User.TraineeId() is not { } me) return NotFound();
        Cohorts = await db.Enrollments.AsNoTracking().Where(e => e.TraineeId == me).OrderByDescending(e => e.Cohort.StartDate)
            .Select(e => new CohortView(e.CohortId, e.Cohort.Course.TitleTh, e.Cohort.Name, e.Cohort.Status, e.Status, e.Completed,
                e.Cohort.Sessions.OrderBy(s => s.Date).ThenBy(s => s.StartTime)
                    .Select(s => new SessionView(s.Date, s.StartTime, s.EndTime, s.Topic, s.Place,
                        s.Attendance.Where(a => a.EnrollmentId == e.Id).Select(a => (AttendanceStatus?)a.Status).FirstOrDefault())).ToList()))
            .ToListAsync();
        return Page();
    }
}
