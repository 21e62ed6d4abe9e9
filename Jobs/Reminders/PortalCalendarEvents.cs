using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>Calendar entries: a partner user's organisation's action due dates; a participant's or partner's sessions.</summary>
public sealed class PortalCalendarEvents(AppDbContext db, IOptions<PortalOptions> options) : ICalendarEventSource
{
    private string Url(string path) => options.Value.Url(path);

    public async Task<IReadOnlyList<CalendarEvent>> ForUserAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var events = new List<CalendarEvent>();
        if (user.Role == Roles.Partner && user.OrganizationId is { } org)
        {
            events.AddRange((await db.MouActions.AsNoTracking()
                    .WhereOpen().Where(a => a.ResponsibleOrganizationId == org && a.DueDate != null)
                    .Join(db.Mous, a => a.MouId, m => m.Id, (a, m) => new { a.Id, a.Title, a.DueDate, m.Code, MouTitle = m.Title }).ToListAsync(ct))
                .Select(a => new CalendarEvent(
                    $"action-{a.Id}@partnerprograms",
                    $"ครบกำหนด: {a.Title}",
                    $"{a.Code} {a.MouTitle}",
                    null,
                    a.DueDate,
                    null,
                    null,
                    Url($"/Mous/Action?id={a.Id}"))));
            events.AddRange(await SessionsAsync(db.TrainingSessions.Where(s => s.Cohort.Partners.Any(p => p.OrganizationId == org)), ct));
        }
        if (user.Role == Roles.Participant && user.TraineeId is { } trainee)
            events.AddRange(await SessionsAsync(
                db.TrainingSessions.Where(s => s.Cohort.Enrollments
                    .Any(e => e.TraineeId == trainee && e.Status == EnrollmentStatus.Enrolled)),
                ct));
        return events;
    }

    private async Task<IEnumerable<CalendarEvent>> SessionsAsync(IQueryable<TrainingSession> sessions, CancellationToken ct) =>
        (await sessions.AsNoTracking().Where(s => s.Cohort.Status != CohortStatus.Cancelled)
            .Select(s => new
            {
                s.Id,
                s.Date,
                s.StartTime,
                s.EndTime,
                s.Topic,
                s.Place,
                Cohort = s.Cohort.Name,
                Course = s.Cohort.Course.TitleTh,
                s.Cohort.Venue,
            })
            .ToListAsync(ct))
        .Select(s => new CalendarEvent($"session-{s.Id}@partnerprograms", $"อบรม: {s.Topic}", $"{s.Course} {s.Cohort}", s.Place ?? s.Venue, null,
            s.Date.ToDateTime(s.StartTime), s.Date.ToDateTime(s.EndTime), Url("/Training/My")));
}
