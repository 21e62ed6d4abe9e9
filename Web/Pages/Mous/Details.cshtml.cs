using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Mous;

[Authorize(Roles = MouFeature.MouReaders)]
[EnableRateLimiting(RateLimits.Pdf), PdfHandlers("Agreement", "Progress")]
[RequestSizeLimit(MouRules.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MouRules.MaxAttachmentBytes + 256 * 1024)]
public class DetailsModel(AppDbContext db, MouService mous, MouDocuments documents, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public MouDetail Mou { get; private set; } = null!;
    public List<AttachmentView> Attachments { get; private set; } = [];
    public List<AuditView> AuditTrail { get; private set; } = [];
    public List<(long Id, string Name)> OtherMous { get; private set; } = [];
    public DateOnly Today => mous.Today;
    public IReadOnlyList<MouTransition> Transitions => User.IsStaff() ? MouRules.AllowedTransitions(Mou.Status, Mou.EndDate, Today) : [];

    // The forms on this page (staff).
    [BindProperty] public string? ItemTitle { get; set; }
    [BindProperty] public string? ItemDescription { get; set; }
    [BindProperty] public long ActionItemId { get; set; }
    [BindProperty] public string? ActionTitle { get; set; }
    [BindProperty] public long ActionOrganizationId { get; set; }
    [BindProperty] public string? ActionContact { get; set; }
    [BindProperty] public DateOnly? ActionDue { get; set; }
    [BindProperty] public MouTransition Transition { get; set; }
    [BindProperty] public DateOnly? SigningDate { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public DateOnly? NewStart { get; set; }
    [BindProperty] public DateOnly? NewEnd { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetAgreementAsync(CancellationToken ct)
    {
        if (await MouQueries.DetailAsync(db, Id) is not { } m) return NotFound();
        return File(await documents.AgreementPdfAsync(m, ct), "application/pdf", m.Code + ".pdf");
    }

    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        if (await MouQueries.DetailAsync(db, Id) is not { } m) return NotFound();
        return File(await documents.ProgressPdfAsync(m, Today, ct), "application/pdf", m.Code + "-progress.pdf");
    }

    public async Task<IActionResult> OnGetFileAsync(long fileId)
    {
        var file = await db.MouAttachments.AsNoTracking().Where(a => a.Id == fileId && a.MouId == Id)
            .Select(a => new { a.FileName, a.ContentType, a.Content }).SingleOrDefaultAsync();
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostItemAsync() => RunAsync(() => mous.AddItemAsync(Id, ItemTitle, ItemDescription, MouActor.From(User)), "Item added.");

    public Task<IActionResult> OnPostActionAsync() => RunAsync(() => mous.AddActionAsync(Id,
        new NewAction(ActionItemId, ActionTitle, ActionOrganizationId, ActionContact, ActionDue), MouActor.From(User)), "Action added.");

    public Task<IActionResult> OnPostTransitionAsync() => RunAsync(() => mous.TransitionAsync(Id, Transition, MouActor.From(User),
        SigningDate, Reason, NewCode, NewStart, NewEnd), "Status changed.");

    public Task<IActionResult> OnPostAttachAsync() => RunAsync(async () =>
    {
        var file = await MouService.ReadAsync(Upload);
        return file is null ? OpResult.Invalid(new() { ["file"] = ["Choose a file."] }) : await mous.AttachAsync(Id, file, MouActor.From(User));
    }, "File attached.");

    private async Task<IActionResult> RunAsync(Func<Task<OpResult>> change, string done)
    {
        if (!User.IsStaff()) return await db.Mous.AnyAsync(m => m.Id == Id) ? Forbid() : NotFound();
        OpResult result;
        try { result = await change(); }
        catch (RuleViolationException e) { result = OpResult.Invalid(new() { [""] = [e.Message] }); }
        switch (result.Status)
        {
            case OpStatus.NotFound: return NotFound();
            case OpStatus.Forbidden: return Forbid();
            case OpStatus.Ok:
                TempData["Flash"] = l[done].Value;
                // A renewal opens the new draft.
                return Redirect($"/Mous/Details?id={(Transition == MouTransition.Renew && done == "Status changed." ? result.Id : Id)}");
        }
        if (result.Message is not null) ModelState.AddModelError("", l[result.Message]);
        foreach (var (field, messages) in result.Errors ?? [])
            foreach (var m in messages) ModelState.AddModelError(field, l[m]);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await MouQueries.DetailAsync(db, Id) is not { } m) return false;
        Mou = m;
        Attachments = await MouQueries.AttachmentsAsync(db, Id);
        AuditTrail = await MouQueries.AuditAsync(db, Id);
        return true;
    }

    public bool CanWrite(ActionView a) => Domain.Mous.Mou.IsOpenForWork(Mou.Status) && (User.IsStaff() || User.OrganizationId() == a.ResponsibleOrganizationId);
}
