using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Pages.Training.Sessions;

/// <summary>One screen for a session's whole roster (made for a phone), and the session's printable sign-in sheet.</summary>
[EnableRateLimiting(RateLimits.Pdf), PdfHandlers("SignInSheet")]
public class AttendanceModel(AppDbContext db, TrainingCommands commands, DocumentRenderer documents, TimeProvider clock, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public Info Session { get; private set; } = null!;
    public List<Line> Lines { get; private set; } = [];
    public bool CanEdit => User.IsStaff() && Session.CohortStatus is not (CohortStatus.Completed or CohortStatus.Cancelled);
    /// <summary>Before the start only excused can be recorded (see <see cref="AttendanceRules"/>).</summary>
    public bool Started { get; private set; }
    public AttendanceTally Tally => AttendanceTally.Of(Lines.Select(x => x.Status));

    public bool CanMark(AttendanceStatus status) => CanEdit && (Started || AttendanceRules.AllowedBeforeStart(status));

    public sealed record Info(
        long Id,
        long CohortId,
        string CohortName,
        string CourseTitle,
        CohortStatus CohortStatus,
        DateOnly Date,
        TimeOnly StartTime,
        TimeOnly EndTime,
        string Topic,
        string? Place,
        string? Venue,
        List<string> Partners);
    public sealed record Line(long EnrollmentId, string Name, string? Community, AttendanceStatus? Status);

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Participant)) return NotFound();
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var info = await db.TrainingSessions.AsNoTracking().Where(s => s.Id == Id)
            .Select(s => new Info(
                s.Id, s.CohortId, s.Cohort.Name, s.Cohort.Course.TitleTh, s.Cohort.Status, s.Date, s.StartTime, s.EndTime,
                s.Topic, s.Place, s.Cohort.Venue,
                db.CohortPartners.Where(p => p.CohortId == s.CohortId)
                    .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => o.ShortName ?? o.NameTh)
                    .ToList()))
            .SingleOrDefaultAsync();
        if (info is null) return false;
        Session = info;
        Started = AttendanceRules.HasStarted(info.Date, info.StartTime, clock.GetUtcNow());
        Lines = await db.Enrollments.AsNoTracking().Where(e => e.CohortId == info.CohortId && e.Status == EnrollmentStatus.Enrolled)
            .OrderBy(e => e.Trainee.FirstName).ThenBy(e => e.Trainee.LastName).ThenBy(e => e.Id)
            .Select(e => new Line(e.Id, (e.Trainee.Title ?? "") + e.Trainee.FirstName + " " + e.Trainee.LastName, e.Trainee.Community,
                e.Attendance.Where(a => a.SessionId == Id).Select(a => (AttendanceStatus?)a.Status).FirstOrDefault()))
            .ToListAsync();
        return true;
    }

    public async Task<IActionResult> OnPostAsync(Dictionary<long, AttendanceStatus> marks)
    {
        if (!User.IsStaff()) return Forbid();
        if (marks.Count == 0)
        {
            TempData["FlashError"] = l["Mark at least one person."].Value;
            return RedirectToPage(new { id = Id });
        }
        await commands.RecordAttendanceAsync(Id, marks.Select(m => (m.Key, m.Value)).ToList(), clock.GetUtcNow().UtcDateTime);
        // What the register now holds (those left unmarked stay unmarked), not merely how many were sent.
        if (!await LoadAsync()) return NotFound();
        TempData["Flash"] = l["Attendance saved: {0}.", Tally.Describe(l)].Value;
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The sign-in sheet (ใบลงทะเบียน) as PDF: number, name, organisation, a signature column; Thai.</summary>
    public async Task<IActionResult> OnGetSignInSheetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Participant) || !await LoadAsync()) return NotFound();
        var thai = PortalCultures.Thai;
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string dateText;
        try
        {
            // The sheet is printed in Thai whatever the screen language: Buddhist-era date.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = thai;
            dateText = Dates.Long(Session.Date);
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous; }
        var sheet = new SignInSheet(Session.CourseTitle, Session.CohortName, Session.Topic, dateText,
            $"{Session.StartTime:HH\\:mm}–{Session.EndTime:HH\\:mm} น.", Session.Place ?? Session.Venue, string.Join(", ", Session.Partners),
            Lines.Select((x, i) => new SignInSheetRow(i + 1, x.Name, x.Community)).ToList());
        var pdf = await documents.RenderPdfAsync<SignInSheetDocument>(new Dictionary<string, object?> { ["Sheet"] = sheet }, ct: ct);
        return File(pdf, "application/pdf", $"sign-in-session-{Id}.pdf");
    }
}
