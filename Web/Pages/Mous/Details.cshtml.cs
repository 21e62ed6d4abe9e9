using Microsoft.AspNetCore.RateLimiting;
using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

[Authorize(Roles = MouFeature.MouReaders)]
[EnableRateLimiting(RateLimits.Pdf), PdfHandlers("Agreement", "Progress")]
[RequestSizeLimit(MouRules.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MouRules.MaxAttachmentBytes + 256 * 1024)]
public class DetailsModel(AppDbContext db, MouPlan plan, MouTransitions transitions, MouFiles files, TimeProvider clock,
    IStringLocalizer l) : PageModel, IRedisplayPage
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public MouDetail Mou { get; private set; } = null!;
    public List<AttachmentView> Attachments { get; private set; } = [];
    public List<AuditView> AuditTrail { get; private set; } = [];
    public List<(long Id, string Name)> OtherMous { get; private set; } = [];
    public DateOnly Today => Dates.TodayInBangkok(clock);
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

    public async Task<IActionResult> OnGetAgreementAsync(CancellationToken ct) =>
        Send(await files.AgreementAsync(Id, ct));

    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct) =>
        Send(await files.ProgressAsync(Id, ct));

    public async Task<IActionResult> OnGetFileAsync(long fileId) => Send(await files.AttachmentAsync(Id, fileId));

    private IActionResult Send(DownloadFile? file) =>
        file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);

    /// <summary>The posted form's inputs by the API's field names (its "title" is ItemTitle or
    /// ActionTitle).</summary>
    private IReadOnlyDictionary<string, string> _fields = new Dictionary<string, string>();

    private static readonly Dictionary<string, string> ItemFields = new()
    {
        ["title"] = nameof(ItemTitle),
        ["description"] = nameof(ItemDescription),
    };

    private static readonly Dictionary<string, string> ActionFields = new()
    {
        ["itemId"] = nameof(ActionItemId),
        ["title"] = nameof(ActionTitle),
        ["responsibleOrganizationId"] = nameof(ActionOrganizationId),
        ["contactName"] = nameof(ActionContact),
        ["dueDate"] = nameof(ActionDue),
    };

    public string FieldKey(string field) => _fields.GetValueOrDefault(field, field);

    public async Task<IActionResult> OnPostItemAsync()
    {
        _fields = ItemFields;
        await plan.AddItemAsync(Id, ItemTitle, ItemDescription, MouActor.From(User));
        return Done("Item added.");
    }

    public async Task<IActionResult> OnPostActionAsync()
    {
        _fields = ActionFields;
        var input = new NewAction(ActionItemId, ActionTitle, ActionOrganizationId, ActionContact, ActionDue);
        await plan.AddActionAsync(Id, input, MouActor.From(User));
        return Done("Action added.");
    }

    public async Task<IActionResult> OnPostTransitionAsync()
    {
        // A renewal opens the new draft.
        var input = new TransitionInput(Transition, SigningDate, Reason, NewCode, NewStart, NewEnd);
        var next = await transitions.ApplyAsync(Id, input, MouActor.From(User));
        return Done("Status changed.", next);
    }

    public async Task<IActionResult> OnPostAttachAsync()
    {
        await files.AttachAsync(Id, Upload, MouActor.From(User));
        return Done("File attached.");
    }

    private RedirectResult Done(string message, long? mouId = null)
    {
        TempData["Flash"] = l[message].Value;
        return Redirect($"/Mous/Details?id={mouId ?? Id}");
    }

    public async Task<bool> LoadAsync()
    {
        if (await MouQueries.DetailAsync(db, Id) is not { } m) return false;
        Mou = m;
        Attachments = await MouQueries.AttachmentsAsync(db, Id);
        AuditTrail = await MouQueries.AuditAsync(db, Id);
        return true;
    }

    public bool CanWrite(ActionView a) =>
        Domain.Mous.Mou.IsOpenForWork(Mou.Status)
        && MouAction.IsWritableBy(a.ResponsibleOrganizationId, User.IsStaff(), User.OrganizationId());
}
