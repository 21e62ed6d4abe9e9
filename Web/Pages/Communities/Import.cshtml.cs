using System.Text;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Upload → preview with row errors → confirm. The pending import is stored in the database; nothing is registered before confirmation.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
[RequestSizeLimit(CommunityImporter.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CommunityImporter.MaxBytes + 64 * 1024)]
public class ImportModel(AppDbContext db, CommunityImporter importer, IStringLocalizer l) : PageModel
{
    public const string Template =
        "name,village_no,sub_district,district,province,sub_district_code,latitude,longitude,contact_name,contact_phone,contact_email,partners,notes\n" +
        "บ้านตัวอย่าง,3,แม่วิน,แม่วาง,เชียงใหม่,,18.6117,98.6642,สมศรี ใจงาม,081-234-5678,,พช.;ธ.ก.ส.,ท่องเที่ยวเชิงเกษตร\n";

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    public string? FileName { get; private set; }
    public bool Confirmed { get; private set; }
    public List<CommunityImporter.ImportRow> Rows { get; private set; } = [];
    public int Valid => Rows.Count(r => r.Valid);
    public int Invalid => Rows.Count(r => !r.Valid);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var import = await db.CommunityImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
            if (import is null) return NotFound();
            FileName = import.FileName;
            Confirmed = import.ConfirmedAt is not null;
            Rows = CommunityImporter.ReadRows(import);
        }
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Template)).ToArray(), "text/csv; charset=utf-8", "communities-template.csv");

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) { ModelState.AddModelError("file", l["Choose a CSV or XLSX file."]); return Page(); }
        if (file.Length > CommunityImporter.MaxBytes) { ModelState.AddModelError("file", l["The file is larger than 5 MB."]); return Page(); }
        await using var stream = file.OpenReadStream();
        var (import, error, args) = await importer.StageAsync(stream, file.FileName, User.UserId());
        if (import is null)
        {
            var megabytes = (CommunityImporter.MaxBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("file", l[error!, args.Length > 0 ? args : [megabytes]]);
            return Page();
        }
        return RedirectToPage("/Communities/Import", new { id = import.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Id is not { } id || !await db.CommunityImports.AnyAsync(i => i.Id == id)) return NotFound();
        var count = await importer.ConfirmAsync(id);
        if (count is null) TempData["FlashError"] = l["This import was already confirmed."].Value;
        else TempData["Flash"] = l["{0} communities imported.", count.Value].Value;
        return RedirectToPage("/Communities/Index");
    }
}
