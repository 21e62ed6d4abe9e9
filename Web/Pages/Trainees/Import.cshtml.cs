using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>
/// Upload a CSV or XLSX of trainees → a preview listing each bad row with its row number and reason → confirm.
/// The parsed rows stay on the server (trainee_imports); the confirm form carries only the import's id.
/// </summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
[RequestSizeLimit(TraineeImporter.MaxBytes + 100_000)]
[RequestFormLimits(MultipartBodyLengthLimit = TraineeImporter.MaxBytes + 100_000)]
public class ImportModel(AppDbContext db, TraineeImporter importer, IStringLocalizer l) : PageModel
{
    public const int ShownErrors = 500;
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public long? CohortId { get; set; }
    public TraineeImport? Import { get; private set; }
    public List<ImportedRow> Rows { get; private set; } = [];
    public List<(long Id, string Name)> OpenCohorts { get; private set; } = [];

    public int NewCount => Rows.Count(r => r.IsValid && r.ExistingTraineeId is null);
    public int MatchedCount => Rows.Count(r => r.IsValid && r.ExistingTraineeId is not null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var loaded = await importer.LoadAsync(id, User.UserId() ?? Guid.Empty);
            if (loaded is null) return NotFound();
            (Import, Rows) = loaded.Value;
        }
        OpenCohorts = await CohortChoices.LoadAsync(db);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            TempData["FlashError"] = l["The file is empty."].Value;
            return RedirectToPage();
        }
        byte[] bytes;
        try
        {
            await using var upload = Upload.OpenReadStream();
            bytes = await SpreadsheetReader.ReadUploadAsync(upload, Upload.Length, TraineeImporter.MaxBytes);
        }
        catch (SpreadsheetReader.FileProblem p)
        {
            TempData["FlashError"] = l[p.Message, p.Args].Value;
            return RedirectToPage();
        }
        var result = await importer.PreviewAsync(bytes, Path.GetFileName(Upload.FileName), User.UserId()!.Value);
        if (result.FileProblem is { } problem)
        {
            TempData["FlashError"] = l[problem, result.FileProblemArgs].Value;
            return RedirectToPage();
        }
        return RedirectToPage(new { id = result.ImportId });
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Id is not { } id) return NotFound();
        var name = User.DisplayName();
        // Someone registering one of the people meanwhile is a RuleViolationException: the filter brings the user back
        // to this preview with the reason, to confirm again.
        var result = await importer.CommitAsync(id, User.UserId()!.Value, name, CohortId);
        if (result is null)
        {
            TempData["FlashError"] = l["This import was already done or does not exist."].Value;
            return RedirectToPage("/Trainees/Index");
        }
        TempData["Flash"] = l["Imported: {0} new trainees, {1} already registered (matched), {2} rows skipped.",
                result.Created, result.Matched, result.Skipped].Value +
            (CohortId is null ? "" : " " + l["Enrolled {0}, waitlisted {1}.", result.Enrolled, result.Waitlisted].Value);
        return CohortId is { } cid ? RedirectToPage("/Training/Cohorts/Details", new { id = cid }) : RedirectToPage("/Trainees/Index");
    }
}
