using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Jobs.Reminders;

/// <summary>
/// Training reminders: the day before a session, to every enrolled trainee with an e-mail (time, place or link); and
/// to staff, once per trainee, when a trainee can no longer reach the course's attendance rule.
/// </summary>
public sealed class TrainingReminders(AppDbContext db, ReminderSender sender, UnsubscribeLinks unsubscribe, IConfiguration config) : IReminderSource
{
    public string Name => "training";
    private string BaseUrl => (config["App:PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

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
                    SessionId = s.Id, s.Date, s.StartTime, s.EndTime, s.Topic, s.Place, CohortName = s.Cohort.Name, Course = s.Cohort.Course.TitleTh,
                    s.Cohort.IsOnline, s.Cohort.Venue, e.TraineeId, e.Trainee.Email, Name = (e.Trainee.Title ?? "") + e.Trainee.FirstName + " " + e.Trainee.LastName,
                })
            .ToListAsync(ct);
        var traineeIds = rows.Select(r => r.TraineeId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.TraineeId != null && traineeIds.Contains(u.TraineeId.Value) && !u.IsDisabled)
            .Select(u => new { u.Id, TraineeId = u.TraineeId!.Value, u.PreferredLanguage }).ToListAsync(ct);
        var result = ReminderRunResult.None;
        foreach (var r in rows)
        {
            var user = users.FirstOrDefault(u => u.TraineeId == r.TraineeId);
            var th = user?.PreferredLanguage != "en";
            var culture = CultureInfo.GetCultureInfo(th ? "th-TH" : "en-GB");
            var where = r.Place ?? (r.IsOnline ? (th ? "ออนไลน์" : "online") : r.Venue ?? "");
            var when = $"{r.Date.ToString("d MMMM yyyy", culture)} {r.StartTime:HH\\:mm}–{r.EndTime:HH\\:mm}";
            var content = EmailLayout.Build(
                th ? $"พรุ่งนี้มีอบรม: {r.Topic}" : $"Training tomorrow: {r.Topic}",
                th ? $"เรียน {r.Name}" : $"Dear {r.Name}",
                [th ? $"ขอเชิญเข้าอบรมหลักสูตร {r.Course} {r.CohortName}" : $"You are expected at the course {r.Course}, {r.CohortName}."],
                [new EmailLayout.Section(null, [th ? $"หัวข้อ: {r.Topic}" : $"Topic: {r.Topic}", th ? $"วันเวลา: {when} น." : $"When: {when}", th ? $"สถานที่: {where}" : $"Where: {where}"])],
                th ? "ดูตารางอบรมของฉัน" : "My training", $"{BaseUrl}/Training/My",
                th ? "อีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ" : "This e-mail was sent automatically by PartnerPrograms.",
                th ? "หยุดรับการแจ้งเตือนประเภทนี้" : "Stop these reminders",
                user is null ? null : unsubscribe.PageUrl(BaseUrl, user.Id, ReminderKind.SessionTomorrow));
            result = result.Add(await sender.SendAsync(ReminderKind.SessionTomorrow, user?.Id, "trainee:" + r.TraineeId, "session:" + r.SessionId,
                new OutboxMessage
                {
                    To = r.Email!, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text, Language = th ? "th" : "en",
                    UnsubscribeUrl = user is null ? null : unsubscribe.OneClickUrl(BaseUrl, user.Id, ReminderKind.SessionTomorrow),
                }, ct));
        }
        return result;
    }

    private sealed record AtRisk(long EnrollmentId, string Cohort, string Name, int Attended, int Total, int Min);

    private async Task<ReminderRunResult> LowAttendanceAsync(DateOnly today, CancellationToken ct)
    {
        // One aggregate query: per enrolment, sessions held and attended; the rule itself is applied in Domain.
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Enrolled && e.Completed == null &&
                        (e.Cohort.Status == CohortStatus.Open || e.Cohort.Status == CohortStatus.Running))
            .Select(e => new
            {
                e.Id, Cohort = e.Cohort.Course.TitleTh + " " + e.Cohort.Name, Name = e.Trainee.FirstName + " " + e.Trainee.LastName,
                Min = e.Cohort.Course.MinAttendancePercent,
                Total = e.Cohort.Sessions.Count(),
                Remaining = e.Cohort.Sessions.Count(s => s.Date >= today),
                Attended = db.Attendance.Count(a => a.EnrollmentId == e.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)),
            })
            .ToListAsync(ct);
        var atRisk = rows.Where(r => !AttendanceOutlook.CanStillComplete(r.Total, r.Attended, r.Remaining, r.Min))
            .Select(r => new AtRisk(r.Id, r.Cohort, r.Name, r.Attended, r.Total, r.Min)).ToList();
        if (atRisk.Count == 0) return ReminderRunResult.None;
        var staff = await db.Users.AsNoTracking().Where(u => u.Role == Roles.Staff && !u.IsDisabled && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage }).ToListAsync(ct);
        var result = ReminderRunResult.None;
        foreach (var s in staff)
        {
            var (outcome, _) = await sender.SendDigestAsync(ReminderKind.LowAttendance, s.Id, "user:" + s.Id, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                atRisk, r => "enrollment:" + r.EnrollmentId, fresh =>
                {
                    var th = s.PreferredLanguage != "en";
                    var content = EmailLayout.Build(
                        th ? $"ผู้เข้าอบรม {fresh.Count} คนมีเวลาเรียนไม่พอผ่านเกณฑ์" : $"{fresh.Count} trainee(s) can no longer complete",
                        th ? $"เรียน {s.DisplayName}" : $"Dear {s.DisplayName}",
                        [th ? "ผู้เข้าอบรมต่อไปนี้ไม่สามารถมีเวลาเรียนถึงเกณฑ์ของหลักสูตรได้แล้ว แม้จะเข้าอบรมครบทุกครั้งที่เหลือ:" : "These trainees can no longer reach the course's attendance rule, even attending every remaining session:"],
                        fresh.GroupBy(r => r.Cohort).Select(g => new EmailLayout.Section(g.Key, g.Select(r => th
                            ? $"{r.Name} — เข้าอบรม {r.Attended} จาก {r.Total} ครั้ง (เกณฑ์ร้อยละ {r.Min})"
                            : $"{r.Name} — attended {r.Attended} of {r.Total} (rule {r.Min} %)").ToList())).ToList(),
                        th ? "เปิดรายการรุ่นอบรม" : "Open the cohorts", $"{BaseUrl}/Training/Cohorts",
                        th ? "อีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ" : "This e-mail was sent automatically by PartnerPrograms.",
                        th ? "หยุดรับการแจ้งเตือนประเภทนี้" : "Stop these reminders",
                        unsubscribe.PageUrl(BaseUrl, s.Id, ReminderKind.LowAttendance));
                    return new OutboxMessage
                    {
                        To = s.Email!, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text, Language = th ? "th" : "en",
                        UnsubscribeUrl = unsubscribe.OneClickUrl(BaseUrl, s.Id, ReminderKind.LowAttendance),
                    };
                }, ct);
            result = result.Add(outcome);
        }
        return result;
    }
}

/// <summary>Calendar entries: a partner user's organisation's action due dates; a participant's or partner's sessions.</summary>
public sealed class PortalCalendarEvents(AppDbContext db, IConfiguration config) : ICalendarEventSource
{
    private string BaseUrl => (config["App:PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

    public async Task<IReadOnlyList<CalendarEvent>> ForUserAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var events = new List<CalendarEvent>();
        if (user.Role == Roles.Partner && user.OrganizationId is { } org)
        {
            events.AddRange((await db.MouActions.AsNoTracking()
                    .Where(a => a.ResponsibleOrganizationId == org && a.DueDate != null && a.Status != Domain.Mous.ActionStatus.Done && a.Status != Domain.Mous.ActionStatus.Cancelled)
                    .Join(db.Mous, a => a.MouId, m => m.Id, (a, m) => new { a.Id, a.Title, a.DueDate, m.Code, MouTitle = m.Title }).ToListAsync(ct))
                .Select(a => new CalendarEvent($"action-{a.Id}@partnerprograms", $"ครบกำหนด: {a.Title}", $"{a.Code} {a.MouTitle}", null, a.DueDate, null, null, $"{BaseUrl}/Mous/Action?id={a.Id}")));
            events.AddRange(await SessionsAsync(db.TrainingSessions.Where(s => s.Cohort.Partners.Any(p => p.OrganizationId == org)), ct));
        }
        if (user.Role == Roles.Participant && user.TraineeId is { } trainee)
            events.AddRange(await SessionsAsync(db.TrainingSessions.Where(s => s.Cohort.Enrollments.Any(e => e.TraineeId == trainee && e.Status == EnrollmentStatus.Enrolled)), ct));
        return events;
    }

    private async Task<IEnumerable<CalendarEvent>> SessionsAsync(IQueryable<TrainingSession> sessions, CancellationToken ct) =>
        (await sessions.AsNoTracking().Where(s => s.Cohort.Status != CohortStatus.Cancelled)
            .Select(s => new { s.Id, s.Date, s.StartTime, s.EndTime, s.Topic, s.Place, Cohort = s.Cohort.Name, Course = s.Cohort.Course.TitleTh, s.Cohort.Venue })
            .ToListAsync(ct))
        .Select(s => new CalendarEvent($"session-{s.Id}@partnerprograms", $"อบรม: {s.Topic}", $"{s.Course} {s.Cohort}", s.Place ?? s.Venue, null,
            s.Date.ToDateTime(s.StartTime), s.Date.ToDateTime(s.EndTime), $"{BaseUrl}/Training/My"));
}
