using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Pages.Privacy;
using PartnerPrograms.Web.Pages.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>
/// A trainee (national ID masked) and every cohort they took. Staff may reveal the full ID once (audited), download
/// everything held about the person (audited), and an admin may erase the record on the person's request.
/// </summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class DetailsModel(AppDbContext db, TrainingCommands commands, TimeProvider clock, IStringLocalizer l, PersonalData personalData) : PageModel
{
    /// <summary>The full ID, only in the response to the reveal POST (never stored in the page's state or a URL).</summary>
    public string? RevealedNationalId { get; private set; }
    /// <summary>The reveal found a ciphertext that belongs to another record (or is damaged): said so, nothing shown.</summary>
    public bool RevealRefused { get; private set; }

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public Trainee Trainee { get; private set; } = null!;
    public List<HistoryRow> History { get; private set; } = [];
    public List<(long Id, string Name)> OpenCohorts { get; private set; } = [];

    public sealed record HistoryRow(long CohortId, string CohortName, string CourseTitle, DateOnly? StartDate, DateOnly? EndDate, CohortStatus CohortStatus,
        EnrollmentStatus Status, int Attended, int Sessions, bool? Completed);

    public async Task<IActionResult> OnGetAsync()
    {
        var t = await db.Trainees.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id);
        if (t is null) return NotFound();
        Trainee = t;
        History = await db.Enrollments.AsNoTracking().Where(e => e.TraineeId == Id).OrderByDescending(e => e.Cohort.StartDate)
            .Select(e => new HistoryRow(e.CohortId, e.Cohort.Name, e.Cohort.Course.TitleTh, e.Cohort.StartDate, e.Cohort.EndDate, e.Cohort.Status, e.Status,
                e.Attendance.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late), e.Cohort.Sessions.Count(), e.Completed))
            .ToListAsync();
        var taken = History.Select(h => h.CohortId).ToList();
        OpenCohorts = await CohortChoices.LoadAsync(db, taken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync()
    {
        if (await personalData.RevealAsync(Id, User) is not { } revealed) return NotFound();
        (RevealedNationalId, RevealRefused) = (revealed.NationalId, revealed.NotThisRecords);
        Response.Headers.CacheControl = "no-store";
        return await OnGetAsync();
    }

    /// <summary>Subject access: everything about the person as a JSON file (the full ID included, so it is audited).</summary>
    public async Task<IActionResult> OnPostExportAsync()
    {
        var json = await personalData.ExportAsync(Id, User);
        if (json is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(json, "application/json", $"trainee-{Id}-personal-data.json");
    }

    /// <summary>Erasure on request: admin only, with the confirmation box ticked.</summary>
    public async Task<IActionResult> OnPostEraseAsync(bool confirm)
    {
        if (!User.IsInRole(Domain.Identity.Roles.Admin)) return Forbid();
        if (!confirm)
        {
            TempData["FlashError"] = l["Tick the box to confirm the erasure."].Value;
            return RedirectToPage(new { id = Id });
        }
        if (await personalData.EraseAsync(Id, User) is null) return NotFound();
        TempData["Flash"] = l["The person's data were erased. Their training stays in the statistics; their certificates stay verifiable."].Value;
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The date consent was given, as the form shows it: today in the reader's year (2/12/2569).</summary>
    public string Today
    {
        get
        {
            var d = Dates.TodayInBangkok(clock);
            return $"{d.Day}/{d.Month}/{Dates.DisplayYear(d.Year)}";
        }
    }

    /// <summary>Consent given after registration (staff, audited): the date typed as Thai people write it.</summary>
    public async Task<IActionResult> OnPostConsentAsync(string? consentDate)
    {
        if (!ThaiDates.TryParse(consentDate, out var date))
        {
            TempData["FlashError"] = l["Type the date of consent as day/month/year, e.g. {0}.", Today].Value;
            return RedirectToPage(new { id = Id });
        }
        await personalData.RecordConsentAsync(Id, date, User);
        TempData["Flash"] = l["The person's PDPA consent is recorded."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostEnrollAsync(long cohortId)
    {
        var result = await commands.EnrollAsync(cohortId, Id, clock.GetUtcNow().UtcDateTime);
        TempData["Flash"] = (result.Status == EnrollmentStatus.Waitlisted
            ? l["The cohort is full: the trainee is on the waitlist."] : l["The trainee is enrolled."]).Value;
        return RedirectToPage(new { id = Id });
    }
}
