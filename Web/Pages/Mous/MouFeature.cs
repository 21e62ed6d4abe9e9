using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Jobs.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Partners and MOUs: the register of organisations, agreements, their items and actions, over pages and /api/v1.</summary>
public sealed class MouFeature : IPortalFeature
{
    /// <summary>Staff and partner agencies; participants have no business with MOUs.</summary>
    public const string MouReaders = Roles.Staff + "," + Roles.Admin + "," + Roles.Partner;

    public IEnumerable<NavItem> Navigation =>
    [
        new("MOUs", "/Mous", 100, Roles.Staff, Roles.Admin, Roles.Partner),
        new("Partners", "/Partners", 110, Roles.Staff, Roles.Admin),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<MouAudit>();
        services.AddScoped<MouDrafts>();
        services.AddScoped<MouTransitions>();
        services.AddScoped<MouPlan>();
        services.AddScoped<ActionProgress>();
        services.AddScoped<MouFiles>();
        services.AddScoped<MouExpiry>();
        services.AddSingleton<MouDocuments>();
    }

    public void MapApi(RouteGroupBuilder api)
    {
        var readers = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Admin, Roles.Partner));
        readers.MapGet("/organizations", Organizations).WithSummary("The organisation register.");
        readers.MapGet("/mous", List).WithSummary("MOUs visible to the caller; filters status, partnerId, year, q.");
        readers.MapGet("/mous/{id:long}", Get).WithSummary("One MOU with its parties, items and actions.");
        readers.MapGet("/mous/{id:long}/agreement.pdf", Agreement).WithSummary("The agreement as a Thai PDF.").RequirePdfLimits();
        readers.MapGet("/mous/{id:long}/progress.pdf", Progress).WithSummary("The action-progress report as a PDF.").RequirePdfLimits();
        readers.MapGet("/mous/{id:long}/audit", Audit).WithSummary("The audit trail of an MOU.");
        readers.MapGet("/mous/{id:long}/attachments/{attachmentId:long}", Download);
        readers.MapGet("/actions/mine", MyActions).WithSummary("The actions assigned to the caller's organisation, overdue first.");
        readers.MapPost("/actions/{id:long}/updates", PostUpdate).WithSummary("A progress update (staff, or a partner on its own actions).");

        var staff = api.MapGroup("").RequireAuthorization(PortalAuth.StaffPolicy);
        staff.MapPost("/mous", Create).WithSummary("Draft a new MOU (staff).");
        staff.MapPost("/mous/{id:long}/items", AddItem).WithSummary("Add a cooperation item (staff).");
        staff.MapPost("/mous/{id:long}/actions", AddAction).WithSummary("Add an action under an item (staff).");
        staff.MapPost("/mous/{id:long}/transitions", Transition).WithSummary("activate, terminate or renew (staff).");
        staff.MapPut("/actions/{id:long}", EditAction).WithSummary("Edit an action; send the version you read (409 if it changed).");
    }

    public sealed record OrganizationDto(long Id, OrganizationKind Kind, string NameTh, string? NameEn, string? ShortName, string? Province);
    public sealed record PartyRequest(long OrganizationId, PartyRole? Role, string? SignatoryName, string? SignatoryPosition, string? Duties);
    public sealed record CreateMouRequest(string? Code, string? Title, string? Purpose, DateOnly? StartDate, DateOnly? EndDate, List<PartyRequest>? Parties);
    public sealed record ItemRequest(string? Title, string? Description);
    public sealed record ActionRequest(long? ItemId, string? Title, long? ResponsibleOrganizationId, string? ContactName, DateOnly? DueDate);
    public sealed record EditActionRequest(
        string? Title,
        long? ResponsibleOrganizationId,
        string? ContactName,
        DateOnly? DueDate,
        ActionStatus? Status,
        uint? Version);
    public sealed record UpdateRequest(string? Text, int? Percent, ActionStatus? Status, uint? Version);
    public sealed record TransitionRequest(
        MouTransition? Transition,
        DateOnly? SigningDate,
        string? Reason,
        string? NewCode,
        DateOnly? NewStartDate,
        DateOnly? NewEndDate);
    public sealed record ListResponse(int Total, int Page, int PageSize, List<MouRow> Items);
    public sealed record Created(long Id);

    private static async Task<IResult> Organizations(AppDbContext db) =>
        TypedResults.Ok(await db.Organizations.AsNoTracking().OrderBy(o => o.NameTh)
            .Select(o => new OrganizationDto(o.Id, o.Kind, o.NameTh, o.NameEn, o.ShortName, o.Province)).ToListAsync());

    private static async Task<IResult> List(
        AppDbContext db,
        TimeProvider clock,
        string? status,
        long? partnerId,
        int? year,
        string? q,
        int page = 1,
        int pageSize = 50)
    {
        MouStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<MouStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return ApiErrors.Validation("status", "Unknown status: use draft, active, expired, terminated or renewed.");
            statusFilter = parsed;
        }
        if (year is { } y && QueryLimits.GregorianYear(y) is null)
            return ApiErrors.Validation("year", "Give a year such as 2567 (Buddhist era) or 2024.");
        page = QueryLimits.Page(page);
        pageSize = QueryLimits.PageSize(pageSize, 50, 200);
        var query = MouQueries.Filter(db, new MouFilter(statusFilter, partnerId, year, q));
        var (rows, total, _) = await MouQueries.PageAsync(db, query, Dates.TodayInBangkok(clock), page, pageSize);
        return TypedResults.Ok(new ListResponse(total, page, pageSize, rows));
    }

    private static async Task<IResult> Get(long id, AppDbContext db) =>
        await MouQueries.DetailAsync(db, id) is { } m ? TypedResults.Ok(m) : ApiErrors.NotFound();

    private static async Task<IResult> Agreement(long id, MouFiles files, CancellationToken ct) =>
        Send(await files.AgreementAsync(id, ct));

    private static async Task<IResult> Progress(long id, MouFiles files, CancellationToken ct) =>
        Send(await files.ProgressAsync(id, ct));

    private static IResult Send(DownloadFile? file) =>
        file is null ? ApiErrors.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);

    private static async Task<IResult> Audit(long id, AppDbContext db) =>
        await db.Mous.AnyAsync(m => m.Id == id) ? TypedResults.Ok(await MouQueries.AuditAsync(db, id)) : ApiErrors.NotFound();

    private static async Task<IResult> Download(long id, long attachmentId, MouFiles files) =>
        Send(await files.AttachmentAsync(id, attachmentId));

    private static async Task<IResult> MyActions(HttpContext http, AppDbContext db, TimeProvider clock) =>
        TypedResults.Ok(http.User.OrganizationId() is { } org
            ? await MouQueries.ActionsOfAsync(db, org, Dates.TodayInBangkok(clock))
            : []);

    private static async Task<IResult> Create(CreateMouRequest request, HttpContext http, MouDrafts drafts)
    {
        var draft = new MouDraft(request.Code, request.Title, request.Purpose, request.StartDate, request.EndDate,
            (request.Parties ?? []).Select(p => new PartyDraft(p.OrganizationId, p.Role ?? PartyRole.Partner, p.SignatoryName,
                p.SignatoryPosition, p.Duties)).ToList());
        var id = await drafts.CreateAsync(draft, MouActor.From(http.User));
        return TypedResults.Created($"/api/v1/mous/{id}", new Created(id));
    }

    private static async Task<IResult> AddItem(long id, ItemRequest request, HttpContext http, MouPlan plan)
    {
        var itemId = await plan.AddItemAsync(id, request.Title, request.Description, MouActor.From(http.User));
        return TypedResults.Created($"/api/v1/mous/{id}", new Created(itemId));
    }

    private static async Task<IResult> AddAction(long id, ActionRequest request, HttpContext http, MouPlan plan)
    {
        var input = new NewAction(request.ItemId ?? 0, request.Title, request.ResponsibleOrganizationId ?? 0,
            request.ContactName, request.DueDate);
        var actionId = await plan.AddActionAsync(id, input, MouActor.From(http.User));
        return TypedResults.Created($"/api/v1/mous/{id}", new Created(actionId));
    }

    private static async Task<IResult> EditAction(long id, EditActionRequest request, HttpContext http, MouPlan plan)
    {
        if (request.Version is null) return ApiErrors.Validation("version", "Send the version you read.");
        if (request.Status is null) return ApiErrors.Validation("status", "The status is required.");
        var input = new ActionEdit(request.Title, request.ResponsibleOrganizationId ?? 0, request.ContactName,
            request.DueDate, request.Status.Value, request.Version.Value);
        await plan.EditActionAsync(id, input, MouActor.From(http.User));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> PostUpdate(long id, UpdateRequest request, HttpContext http,
        ActionProgress progress)
    {
        var updateId = await progress.PostAsync(id, request.Text, request.Percent, request.Status,
            MouActor.From(http.User), expectedVersion: request.Version);
        return TypedResults.Created($"/api/v1/actions/{id}", new Created(updateId));
    }

    private static async Task<IResult> Transition(long id, TransitionRequest request, HttpContext http,
        MouTransitions transitions)
    {
        if (request.Transition is null)
            return ApiErrors.Validation("transition", "Say which change: activate, terminate or renew.");
        var input = new TransitionInput(request.Transition.Value, request.SigningDate, request.Reason, request.NewCode,
            request.NewStartDate, request.NewEndDate);
        var next = await transitions.ApplyAsync(id, input, MouActor.From(http.User));
        return TypedResults.Ok(new Created(next));
    }
}
