using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>One action: its trail of updates, a form to post progress (staff, or the responsible partner) and staff's edit form.</summary>
[Authorize(Roles = MouFeature.MouReaders)]
[RequestSizeLimit(MouRules.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MouRules.MaxAttachmentBytes + 256 * 1024)]
public class ActionModel(AppDbContext db, MouService mous, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public ActionView Action { get; private set; } = null!;
    public MouHeader Mou { get; private set; } = null!;
    public List<AttachmentView> Files { get; private set; } = [];
    public bool CanPost { get; private set; }
    public DateOnly Today => mous.Today;

    public sealed record MouHeader(long Id, string Code, string Title, MouStatus Status, int ItemNumber, string ItemTitle, List<(long Id, string Name)> Parties);

    public sealed class UpdateInput
    {
        public string? Text { get; set; }
        public int Percent { get; set; }
        public ActionStatus? Status { get; set; }
        public IFormFile? File { get; set; }
    }

    public sealed class EditInput
    {
        public string? Title { get; set; }
        public long ResponsibleOrganizationId { get; set; }
        public string? ContactName { get; set; }
        public DateOnly? DueDate { get; set; }
        public ActionStatus Status { get; set; }
        public uint Version { get; set; }
    }

    [BindProperty] public UpdateInput Update { get; set; } = new();
    [BindProperty] public EditInput Edit { get; set; } = new();
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Update = new UpdateInput { Percent = Action.Percent, Status = Action.Status };
        Edit = new EditInput
        {
            Title = Action.Title, ResponsibleOrganizationId = Action.ResponsibleOrganizationId, ContactName = Action.ContactName,
            DueDate = Action.DueDate, Status = Action.Status, Version = Action.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        OpResult result;
        try
        {
            var file = await MouService.ReadAsync(Update.File);
            result = await mous.PostUpdateAsync(Id, Update.Text, Update.Percent, Update.Status, MouActor.From(User), file);
        }
        catch (RuleViolationException e) { result = OpResult.Invalid(new() { ["Update.File"] = [e.Message] }); }
        return await FinishAsync(result, "Update.", "Progress update posted.");
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        OpResult result;
        try
        {
            result = await mous.EditActionAsync(Id, new ActionEdit(Edit.Title, Edit.ResponsibleOrganizationId, Edit.ContactName, Edit.DueDate, Edit.Status, Edit.Version),
                MouActor.From(User));
        }
        catch (RuleViolationException e) { result = OpResult.Invalid(new() { ["Edit.Status"] = [e.Message] }); }
        Conflict = result.Status == OpStatus.Conflict;
        return await FinishAsync(result, "Edit.", "Saved.");
    }

    private async Task<IActionResult> FinishAsync(OpResult result, string prefix, string done)
    {
        switch (result.Status)
        {
            case OpStatus.NotFound: return NotFound();
            case OpStatus.Forbidden: return Forbid();
            case OpStatus.Ok:
                TempData["Flash"] = l[done].Value;
                return Redirect($"/Mous/Action?id={Id}");
        }
        if (result.Message is not null) ModelState.AddModelError("", l[result.Message]);
        foreach (var (field, messages) in result.Errors ?? [])
            foreach (var m in messages) ModelState.AddModelError(field.StartsWith(prefix, StringComparison.Ordinal) ? field : prefix + char.ToUpperInvariant(field[0]) + field[1..], l[m]);
        if (!await LoadAsync()) return NotFound();
        // On a conflict the user's input stays in the form; the version becomes the current one so they can save again.
        if (Conflict) { ModelState.Remove("Edit.Version"); Edit.Version = Action.Version; }
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var a = await db.MouActions.AsNoTracking().Where(x => x.Id == Id).Select(x => new ActionView(x.Id, x.ItemId, x.Title, x.ResponsibleOrganizationId,
                db.Organizations.Where(o => o.Id == x.ResponsibleOrganizationId).Select(o => o.NameTh).First(), x.ContactName, x.DueDate, x.Status, x.Percent, x.Version,
                x.Updates.OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id)
                    .Select(u => new UpdateView(u.Id, u.Text, u.Percent, u.Status, u.PostedAt, u.PostedByName, u.AttachmentId)).ToList()))
            .SingleOrDefaultAsync();
        if (a is null) return false;
        Action = a;
        var header = await db.Mous.AsNoTracking().Where(m => m.Id == db.MouActions.Where(x => x.Id == Id).Select(x => x.MouId).First())
            .Select(m => new
            {
                m.Id, m.Code, m.Title, m.Status,
                Item = db.MouItems.Where(i => i.Id == a.ItemId).Select(i => new { i.Number, i.Title }).First(),
                Parties = m.Parties.OrderBy(p => p.SortOrder).Select(p => new { p.OrganizationId, Name = db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.NameTh).First() }).ToList(),
            }).SingleAsync();
        Mou = new MouHeader(header.Id, header.Code, header.Title, header.Status, header.Item.Number, header.Item.Title,
            header.Parties.Select(p => (p.OrganizationId, p.Name)).ToList());
        var fileIds = a.Updates.Where(u => u.AttachmentId != null).Select(u => u.AttachmentId!.Value).ToList();
        Files = await db.MouAttachments.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new AttachmentView(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedByName)).ToListAsync();
        CanPost = Domain.Mous.Mou.IsOpenForWork(Mou.Status) && (User.IsStaff() || User.OrganizationId() == a.ResponsibleOrganizationId);
        return true;
    }
}
