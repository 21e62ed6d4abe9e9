using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training.Cohorts;

/// <summary>A cohort: its schedule, roster with completion, enrolment and closing (staff); read-only for its partners.</summary>
public class DetailsModel(AppDbContext db, TrainingCommands commands, TimeProvider clock, IStringLocalizer l,
    PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public Header Cohort { get; private set; } = null!;
    public List<TrainingSession> Sessions { get; private set; } = [];
    public List<RosterRow> Roster { get; private set; } = [];
    public CompletionRule Rule { get; private set; } = new();
    public bool CanEdit => User.IsStaff();

    [BindProperty] public SessionInput NewSession { get; set; } = new();
    [BindProperty] public string? EnrollNationalId { get; set; }
    /// <summary>The typed ID is valid but nobody has it: the box offers to register the person.</summary>
    public bool EnrollNotRegistered { get; private set; }

    public sealed record Header(
        long Id,
        string Name,
        long CourseId,
        string CourseTitle,
        CohortStatus Status,
        long? MouId,
        bool IsOnline,
        string? Venue,
        string? Province,
        DateOnly? StartDate,
        DateOnly? EndDate,
        int Capacity,
        string? Instructors,
        int MinAttendancePercent,
        decimal? PassMark,
        List<string> Partners);

    public sealed class SessionInput
    {
        public DateOnly? Date { get; set; }
        public TimeOnly? StartTime { get; set; }
        public TimeOnly? EndTime { get; set; }
        public string? Topic { get; set; }
        public string? Place { get; set; }
    }

    public int Enrolled => Roster.Count(r => r.Status == EnrollmentStatus.Enrolled);

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.IsInRole(Roles.Participant)) return NotFound();
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        // The cohort with its partners and sessions in one query (a handful of rows), then the roster: two round trips.
        var found = await db.Cohorts.AsNoTracking().Where(c => c.Id == Id)
            .Select(c => new
            {
                Header = new Header(c.Id, c.Name, c.CourseId, c.Course.TitleTh, c.Status, c.MouId, c.IsOnline, c.Venue, c.Province, c.StartDate, c.EndDate,
                    c.Capacity, c.Instructors, c.Course.MinAttendancePercent, c.Course.PassMark,
                    db.CohortPartners.Where(p => p.CohortId == c.Id).Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => o.NameTh).ToList()),
                Sessions = db.TrainingSessions.Where(s => s.CohortId == c.Id).OrderBy(s => s.Date).ThenBy(s => s.StartTime).ToList(),
            })
            .SingleOrDefaultAsync();
        if (found is null) return false;
        Cohort = found.Header;
        Rule = new CompletionRule(Cohort.MinAttendancePercent, Cohort.PassMark);
        Sessions = found.Sessions;
        Roster = await db.RosterAsync(Id);
        return true;
    }

    public async Task<IActionResult> OnPostAddSessionAsync()
    {
        if (!CanEdit) return Forbid();
        if (NewSession.Date is null) ModelState.AddModelError("NewSession.Date", l["The date is required."]);
        if (string.IsNullOrWhiteSpace(NewSession.Topic)) ModelState.AddModelError("NewSession.Topic", l["The topic is required."]);
        if (NewSession.StartTime is { } st && NewSession.EndTime is { } et && et <= st)
            ModelState.AddModelError("NewSession.EndTime", l["The end time is before the start time."]);
        if (!await db.Cohorts.AnyAsync(c => c.Id == Id)) return NotFound();
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        db.TrainingSessions.Add(new TrainingSession
        {
            CohortId = Id,
            Date = NewSession.Date!.Value,
            StartTime = NewSession.StartTime ?? new TimeOnly(9, 0),
            EndTime = NewSession.EndTime ?? new TimeOnly(16, 0),
            Topic = NewSession.Topic!.Trim(),
            Place = NewSession.Place?.Trim(),
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["The session was added."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostDeleteSessionAsync(long sessionId)
    {
        if (!CanEdit) return Forbid();
        var n = await db.TrainingSessions.Where(s => s.Id == sessionId && s.CohortId == Id && s.Cohort.Status != CohortStatus.Completed).ExecuteDeleteAsync();
        if (n == 0) return NotFound();
        TempData["Flash"] = l["The session was removed."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostEnrollAsync()
    {
        if (!CanEdit) return Forbid();
        var found = await commands.FindForEnrollmentAsync(Id, EnrollNationalId, nationalIds);
        if (found.Problem is null) return await EnrollAsync(found.TraineeId!.Value);
        // Said at the box with what was typed still in it (the page, not a redirect: the number stays out of URLs).
        ModelState.AddModelError(nameof(EnrollNationalId), l[found.Problem]);
        EnrollNotRegistered = found.NotRegistered;
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<IActionResult> EnrollAsync(long traineeId)
    {
        var result = await commands.EnrollAsync(Id, traineeId, clock.GetUtcNow().UtcDateTime);
        TempData["Flash"] = (result.Status == EnrollmentStatus.Waitlisted
            ? l["The cohort is full: the trainee is on the waitlist."] : l["The trainee is enrolled."]).Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long enrollmentId)
    {
        if (!CanEdit) return Forbid();
        if (!await db.Enrollments.AnyAsync(e => e.Id == enrollmentId && e.CohortId == Id)) return NotFound();
        var promoted = await commands.WithdrawAsync(enrollmentId, clock.GetUtcNow().UtcDateTime);
        TempData["Flash"] = promoted.Count > 0 ? l["Withdrawn. The first on the waitlist now has the seat."].Value : l["Withdrawn."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostScoresAsync(Dictionary<long, decimal?> scores)
    {
        if (!CanEdit) return Forbid();
        var ids = scores.Keys.ToList();
        var enrollments = await db.Enrollments.Where(e => e.CohortId == Id && ids.Contains(e.Id) && e.CompletionFixedAt == null).ToListAsync();
        foreach (var e in enrollments) e.AssessmentScore = scores[e.Id] is { } s ? Math.Clamp(s, 0, 100) : null;
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (!CanEdit) return Forbid();
        await commands.CloseAsync(Id, clock.GetUtcNow().UtcDateTime);
        TempData["Flash"] = l["The cohort is closed and its completions are fixed."].Value;
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Roster or attendance as CSV or XLSX (staff and the cohort's partners).</summary>
    public async Task<IActionResult> OnGetExportAsync(string kind, string format)
    {
        if (User.IsInRole(Roles.Participant) || !await LoadAsync()) return NotFound();
        TableExport table;
        if (kind == "attendance")
        {
            var marks = await db.Attendance.AsNoTracking().Where(a => db.TrainingSessions.Any(s => s.Id == a.SessionId && s.CohortId == Id))
                .Select(a => new { a.SessionId, a.EnrollmentId, a.Status }).ToListAsync();
            var lookup = marks.ToDictionary(m => (m.SessionId, m.EnrollmentId), m => m.Status);
            table = new TableExport(l["Attendance"],
            [
                l["No."], l["Name"], l["National ID"], .. Sessions.Select(s => Dates.Short(s.Date) + " " + s.Topic),
                l["Attended"],
            ]);
            var n = 0;
            foreach (var r in Roster.Where(r => r.Status == EnrollmentStatus.Enrolled))
            {
                var cells = new List<object?> { ++n, r.Name, r.NationalIdMasked ?? "–" };
                cells.AddRange(Sessions.Select(s => lookup.TryGetValue((s.Id, r.EnrollmentId), out var st) ? l["Attendance:" + st].Value : ""));
                cells.Add(r.Present + r.Late);
                table.Add(cells.ToArray());
            }
        }
        else
        {
            table = new TableExport(l["Roster"],
            [
                l["No."], l["Title"], l["First name"], l["Last name"], l["National ID"], l["Province"],
                l["Community or group"], l["Phone"], l["Status"], l["Attended"], l["Sessions"], l["Completed"],
                l["Reason"],
            ]);
            var n = 0;
            foreach (var r in Roster)
            {
                var c = r.Completion(Rule, Sessions.Count);
                table.Add(++n, r.Title, r.FirstName, r.LastName, r.NationalIdMasked ?? "–", r.Province, r.Community, r.Phone,
                    l["EnrollmentStatus:" + r.Status].Value, c.Attended, c.Sessions,
                    r.Status == EnrollmentStatus.Enrolled && c.Completed ? l["Yes"].Value : l["No"].Value, l[c.ReasonKey, c.ReasonArgs(Rule)].Value);
            }
        }
        var name = $"cohort-{Id}-{(kind == "attendance" ? "attendance" : "roster")}";
        return format == "xlsx"
            ? File(table.ToXlsx(), TableExport.XlsxType, name + ".xlsx")
            : File(table.ToCsv(), TableExport.CsvType, name + ".csv");
    }
}
