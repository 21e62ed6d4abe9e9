using System.Globalization;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Email.Templates;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Training reminders: the day before a session, to every enrolled trainee with an e-mail (time, place or link); and
/// to staff, once per trainee, when a trainee can no longer reach the course's attendance rule.
/// </summary>
public sealed class TrainingReminders(AppDbContext db, ReminderSender sender, MailWriter mails) : IReminderSource
{
    public string Name => "training";

    public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct) =>
        await SessionsTomorrowAsync(today, ct) + await LowAttendanceAsync(today, ct);

    private async Task<ReminderRunResult> SessionsTomorrowAsync(DateOnly today, CancellationToken ct)
    {
        var tomorrow = today.AddDays(1);
        var rows = await db.TrainingSessions.AsNoTracking()
            .Where(s => s.Date == tomorrow && (s.Cohort.Status == CohortStatus.Open || s.Cohort.Status == CohortStatus.Running))
            .SelectMany(s => s.Cohort.Enrollments.Where(e => e.Status == EnrollmentStatus.Enrolled && e.Trainee.Email != null && e.Trainee.Email != ""),
                (s, e) => new
                {
                    SessionId = s.Id,
                    s.Date,
                    s.StartTime,
                    s.EndTime,
                    s.Topic,
                    s.Place,
                    CohortName = s.Cohort.Name,
                    Course = s.Cohort.Course.TitleTh,
                    s.Cohort.IsOnline,
                    s.Cohort.Venue,
                    e.TraineeId,
                    e.Trainee.Email,
                    Name = (e.Trainee.Title ?? "") + e.Trainee.FirstName + " " + e.Trainee.LastName,
                })
            .ToListAsync(ct);
        var traineeIds = rows.Select(r => r.TraineeId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.TraineeId != null && traineeIds.Contains(u.TraineeId.Value) && !u.IsDisabled)
            .Select(u => new { u.Id, TraineeId = u.TraineeId!.Value, u.PreferredLanguage }).ToListAsync(ct);
        var result = ReminderRunResult.None;
        foreach (var r in rows)
        {
            var user = users.FirstOrDefault(u => u.TraineeId == r.TraineeId);
            var to = new MailTo(r.Email, user?.PreferredLanguage, user?.Id);
            var message = await mails.WriteAsync<SessionTomorrowMail>(to, new Dictionary<string, object?>
            {
                [nameof(SessionTomorrowMail.Name)] = r.Name,
                [nameof(SessionTomorrowMail.Topic)] = r.Topic,
                [nameof(SessionTomorrowMail.Course)] = r.Course,
                [nameof(SessionTomorrowMail.Cohort)] = r.CohortName,
                [nameof(SessionTomorrowMail.Day)] = r.Date,
                [nameof(SessionTomorrowMail.Start)] = r.StartTime,
                [nameof(SessionTomorrowMail.End)] = r.EndTime,
                [nameof(SessionTomorrowMail.Place)] = r.Place,
                [nameof(SessionTomorrowMail.Online)] = r.IsOnline,
                [nameof(SessionTomorrowMail.Venue)] = r.Venue,
                [nameof(SessionTomorrowMail.Url)] = mails.Url("/Training/My"),
            }, ReminderKind.SessionTomorrow);
            result = result.Add(await sender.SendAsync(ReminderKind.SessionTomorrow, user?.Id, "trainee:" + r.TraineeId,
                "session:" + r.SessionId, message, ct));
        }
        return result;
    }

    private async Task<ReminderRunResult> LowAttendanceAsync(DateOnly today, CancellationToken ct)
    {
        // One aggregate query: per enrolment, sessions held and attended; the rule itself is applied in Domain.
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Enrolled && e.Completed == null &&
                        (e.Cohort.Status == CohortStatus.Open || e.Cohort.Status == CohortStatus.Running))
            .Select(e => new
            {
                e.Id,
                Cohort = e.Cohort.Course.TitleTh + " " + e.Cohort.Name,
                Name = e.Trainee.FirstName + " " + e.Trainee.LastName,
                Min = e.Cohort.Course.MinAttendancePercent,
                Total = e.Cohort.Sessions.Count(),
                Remaining = e.Cohort.Sessions.Count(s => s.Date >= today),
                Attended = db.Attendance.Count(a => a.EnrollmentId == e.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)),
            })
            .ToListAsync(ct);
        var atRisk = rows.Where(r => !AttendanceOutlook.CanStillComplete(r.Total, r.Attended, r.Remaining, r.Min))
            .Select(r => new AtRiskTrainee(r.Id, r.Cohort, r.Name, r.Attended, r.Total, r.Min)).ToList();
        if (atRisk.Count == 0) return ReminderRunResult.None;
        var staff = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Staff && !u.IsDisabled && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage }).ToListAsync(ct);
        var result = ReminderRunResult.None;
        foreach (var s in staff)
        {
            var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (outcome, _) = await sender.SendDigestAsync(ReminderKind.LowAttendance, s.Id, "user:" + s.Id, day,
                atRisk, r => "enrollment:" + r.EnrollmentId, async fresh => await mails.WriteAsync<LowAttendanceMail>(
                    new MailTo(s.Email, s.PreferredLanguage, s.Id), new Dictionary<string, object?>
                    {
                        [nameof(LowAttendanceMail.Name)] = s.DisplayName,
                        [nameof(LowAttendanceMail.Trainees)] = fresh,
                        [nameof(LowAttendanceMail.Url)] = mails.Url("/Training/Cohorts"),
                    }, ReminderKind.LowAttendance), ct);
            result = result.Add(outcome);
        }
        return result;
    }
}
