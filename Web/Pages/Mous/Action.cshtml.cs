using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>One action: its trail of updates, a form to post progress (staff, or the responsible partner) and staff's
/// edit form.</summary>
[Authorize(Roles = MouFeature.MouReaders)]
[RequestSizeLimit(MouRules.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MouRules.MaxAttachmentBytes + 256 * 1024)]
public class ActionModel(AppDbContext db, MouPlan plan, ActionProgress progress, TimeProvider clock, IStringLocalizer l)
    : PageModel, IRedisplayPage
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public ActionView Action { get; private set; } = null!;
    public MouHeader Mou { get; private set; } = null!;
    public List<AttachmentView> Files { get; private set; } = [];
    public bool CanPost { get; private set; }
    public DateOnly Today => Dates.TodayInBangkok(clock);
    /// <summary>The responsible organisation's full name (the action list elsewhere shows its short name).</summary>
    public string ResponsibleFullName =>
        Mou.Parties.FirstOrDefault(p => p.Id == Action.ResponsibleOrganizationId).Name ?? Action.ResponsibleName;

    public sealed record MouHeader(long Id, string Code, string Title, MouStatus Status, int ItemNumber, string ItemTitle,
        List<(long Id, string Name)> Parties);

    public sealed class UpdateInput
    {
        public string? Text { get; set; }
        public int Percent { get; set; }
        public ActionStatus? Status { get; set; }
        public IFormFile? File { get; set; }
        /// <summary>The version the user read: a change by someone else meanwhile is a conflict, as in the API.</summary>
        public uint? Version { get; set; }
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
    /// <summary>The form posted ("Update." or "Edit."), for the keys of its fields' messages.</summary>
    private string _form = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Update = new UpdateInput { Percent = Action.Percent, Status = Action.Status, Version = Action.Version };
        Edit = new EditInput
        {
            Title = Action.Title,
            ResponsibleOrganizationId = Action.ResponsibleOrganizationId,
            ContactName = Action.ContactName,
            DueDate = Action.DueDate,
            Status = Action.Status,
            Version = Action.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        _form = "Update.";
        await progress.PostAsync(Id, Update.Text, Update.Percent, Update.Status, MouActor.From(User),
            await MouFiles.ReadAsync(Update.File), Update.Version);
        return Done("Progress update posted.");
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        _form = "Edit.";
        await plan.EditActionAsync(Id, new ActionEdit(Edit.Title, Edit.ResponsibleOrganizationId, Edit.ContactName,
            Edit.DueDate, Edit.Status, Edit.Version), MouActor.From(User));
        return Done("Saved.");
    }

    private RedirectResult Done(string message)
    {
        TempData["Flash"] = l[message].Value;
        return Redirect($"/Mous/Action?id={Id}");
    }

    public string FieldKey(string field) => _form + char.ToUpperInvariant(field[0]) + field[1..];

    /// <summary>On a conflict the user's input stays in the form; the version becomes the current one so they can
    /// save again.</summary>
    public void OnRedisplay(RuleViolationException violation)
    {
        if (!violation.IsVersionConflict) return;
        Conflict = true;
        // The conflict panel says it (with what to do next); the error list would repeat the same sentence.
        ModelState[string.Empty]?.Errors.Clear();
        ModelState.Remove("Edit.Version");
        ModelState.Remove("Update.Version");
        Edit.Version = Action.Version;
        Update.Version = Action.Version;
    }

    public async Task<bool> LoadAsync()
    {
        if (await MouQueries.ActionAsync(db, Id) is not { } a) return false;
        Action = a;
        var mouId = db.MouActions.Where(x => x.Id == Id).Select(x => x.MouId);
        var header = await db.Mous.AsNoTracking().Where(m => m.Id == mouId.First())
            .Select(m => new
            {
                m.Id,
                m.Code,
                m.Title,
                m.Status,
                Item = db.MouItems.Where(i => i.Id == a.ItemId).Select(i => new { i.Number, i.Title }).First(),
                Parties = m.Parties.OrderBy(p => p.SortOrder)
                    .Select(p => new
                    {
                        p.OrganizationId,
                        Name = db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.NameTh).First(),
                    })
                    .ToList(),
            }).SingleAsync();
        Mou = new MouHeader(header.Id, header.Code, header.Title, header.Status, header.Item.Number, header.Item.Title,
            header.Parties.Select(p => (p.OrganizationId, p.Name)).ToList());
        var fileIds = a.Updates.Where(u => u.AttachmentId != null).Select(u => u.AttachmentId!.Value).ToList();
        Files = await db.MouAttachments.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new AttachmentView(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt, f.UploadedByName))
            .ToListAsync();
        CanPost = Domain.Mous.Mou.IsOpenForWork(Mou.Status)
            && MouAction.IsWritableBy(a.ResponsibleOrganizationId, User.IsStaff(), User.OrganizationId());
        return true;
    }
}
