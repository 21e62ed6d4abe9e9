using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Tourism communities, their assessments and the A–D groups: navigation, services and /api/v1/communities.</summary>
public sealed class CommunitiesFeature : IPortalFeature
{
    public IEnumerable<NavItem> Navigation =>
    [
        new("Communities", "/Communities", 400, Roles.Staff, Roles.Admin, Roles.Partner),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CommunityService>();
        services.AddScoped<CommunityImporter>();
    }

    public void MapApi(RouteGroupBuilder api)
    {
        var read = api.MapGroup("/communities").RequireAuthorization(p => p.RequireRole(Roles.Staff, Roles.Admin, Roles.Partner));
        read.MapGet("", List).WithSummary("Communities, filtered by category (A–D, unclassified), province (DOPA code or name) and region; paged.");
        read.MapGet("/{id:long}", Get).WithSummary("A community with its group, computed group, override and assessment history.");
        read.MapGet("/rubric", GetRubric).WithSummary("The current assessment rubric (criteria keys and maximum scores).");
        var write = api.MapGroup("/communities").RequireAuthorization(PortalAuth.StaffPolicy);
        write.MapPost("/{id:long}/assessments", Assess).WithSummary("Records an assessment; answers 201 with the computed group and its reasons.");
        write.MapPost("/{id:long}/override", Override).WithSummary("Overrides the group with a written reason (category null clears it).");
    }

    public sealed record ListItem(long Id, string Name, int? VillageNo, string SubDistrict, string District, string Province, string ProvinceCode,
        string Region, string Category, string ComputedCategory, DateOnly? LastAssessedOn);
    public sealed record ListResponse(IReadOnlyList<ListItem> Items, int Total, int Page, int PageSize);
    public sealed record Place(int Code, string NameTh, string NameEn);
    public sealed record ProvincePlace(string Code, string NameTh, string NameEn);
    public sealed record OverrideDto(string Category, string Reason, string? By, DateTime? At);
    public sealed record AssessmentDto(long Id, DateOnly AssessedOn, string? Assessor, int RubricVersion, IReadOnlyDictionary<string, int> Scores,
        string Category, decimal TourismScore, IReadOnlyList<string> Reasons);
    public sealed record PartnerDto(long Id, string Name);
    public sealed record CommunityDto(long Id, string Name, int? VillageNo, Place SubDistrict, Place District, ProvincePlace Province, string Region,
        decimal? Latitude, decimal? Longitude, string? ContactName, string? ContactPhone, string? ContactEmail, string? Notes,
        IReadOnlyList<PartnerDto> Partners, string Category, string ComputedCategory, OverrideDto? Override, IReadOnlyList<AssessmentDto> Assessments);
    public sealed record AssessRequest(DateOnly? AssessedOn, Dictionary<string, int>? Scores, string? Assessor, string? Notes);
    public sealed record AssessResponse(long Id, long CommunityId, DateOnly AssessedOn, int RubricVersion, string ComputedCategory, string Category,
        decimal TourismScore, IReadOnlyList<string> Reasons);
    public sealed record OverrideRequest(string? Category, string? Reason);
    public sealed record OverrideResponse(long Id, string Category, string ComputedCategory, OverrideDto? Override);

    private static async Task<Results<Ok<ListResponse>, ValidationProblem>> List(AppDbContext db, CommunityService service,
        string? category, string? province, string? region, string? q, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var cat = CommunityService.ParseCategory(category);
        if (!string.IsNullOrEmpty(category) && cat is null) errors["category"] = ["Use A, B, C, D or unclassified."];
        var reg = Regions.Parse(region);
        if (!string.IsNullOrEmpty(region) && reg is null) errors["region"] = ["Use north, central, northEast, west, east or south."];
        if (errors.Count > 0) return ApiErrors.Validation(errors);
        var size = QueryLimits.PageSize(pageSize, 50, 500);
        var number = QueryLimits.Page(page);
        var query = service.Filter(db.Communities.AsNoTracking(), cat, province, reg, q);
        var total = await query.CountAsync();
        var items = await query.OrderBy(c => c.ProvinceId).ThenBy(c => c.Name).ThenBy(c => c.Id).Skip(QueryLimits.Offset(number, size)).Take(size)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.VillageNo,
                c.Region,
                c.Category,
                c.ComputedCategory,
                c.LastAssessedOn,
                Sub = db.SubDistricts.Where(s => s.Id == c.SubDistrictId).Select(s => s.NameTh).FirstOrDefault(),
                Dis = db.Districts.Where(d => d.Id == c.DistrictId).Select(d => d.NameTh).FirstOrDefault(),
                Pro = db.Provinces.Where(p => p.Id == c.ProvinceId).Select(p => new { p.NameTh, p.Code }).FirstOrDefault(),
            }).ToListAsync();
        var list = items
            .Select(c => new ListItem(c.Id, c.Name, c.VillageNo, c.Sub ?? "", c.Dis ?? "", c.Pro?.NameTh ?? "",
                c.Pro?.Code ?? "", Camel(c.Region.ToString()), c.Category.ToString(), c.ComputedCategory.ToString(),
                c.LastAssessedOn))
            .ToList();
        return TypedResults.Ok(new ListResponse(list, total, number, size));
    }

    private static async Task<Results<Ok<CommunityDto>, ProblemHttpResult>> Get(long id, AppDbContext db)
    {
        var dto = await LoadAsync(db, id);
        return dto is null ? ApiErrors.NotFound() : TypedResults.Ok(dto);
    }

    /// <summary>The community as the API shows it (also what the details page reads), or null when missing or out of scope.</summary>
    public static async Task<CommunityDto?> LoadAsync(AppDbContext db, long id)
    {
        var c = await db.Communities.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.VillageNo,
                x.Region,
                x.Latitude,
                x.Longitude,
                x.ContactName,
                x.ContactPhone,
                x.ContactEmail,
                x.Notes,
                x.Category,
                x.ComputedCategory,
                x.OverrideCategory,
                x.OverrideReason,
                x.OverriddenBy,
                x.OverriddenAt,
                Sub = db.SubDistricts.Where(s => s.Id == x.SubDistrictId).Select(s => new Place(s.Id, s.NameTh, s.NameEn)).First(),
                Dis = db.Districts.Where(d => d.Id == x.DistrictId).Select(d => new Place(d.Id, d.NameTh, d.NameEn)).First(),
                Pro = db.Provinces.Where(p => p.Id == x.ProvinceId).Select(p => new ProvincePlace(p.Code, p.NameTh, p.NameEn)).First(),
                Partners = x.Partners.Select(p => new PartnerDto(p.OrganizationId,
                    db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.NameTh).First())).ToList(),
                Assessments = x.Assessments.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id)
                    .Select(a => new { a.Id, a.AssessedOn, a.Assessor, a.Rubric!.Version, a.Scores, a.Category, a.TourismScore, a.Reasons }).ToList(),
            }).SingleOrDefaultAsync();
        if (c is null) return null;
        return new CommunityDto(c.Id, c.Name, c.VillageNo, c.Sub, c.Dis, c.Pro, Camel(c.Region.ToString()), c.Latitude, c.Longitude,
            c.ContactName, c.ContactPhone, c.ContactEmail, c.Notes, c.Partners.OrderBy(p => p.Name).ToList(),
            c.Category.ToString(), c.ComputedCategory.ToString(),
            c.OverrideCategory is { } oc ? new OverrideDto(oc.ToString(), c.OverrideReason ?? "", c.OverriddenBy, c.OverriddenAt) : null,
            c.Assessments.Select(a => new AssessmentDto(a.Id, a.AssessedOn, a.Assessor, a.Version, a.Scores, a.Category.ToString(), a.TourismScore,
                a.Reasons.Select(r => r.ToString()).ToList())).ToList());
    }

    private static async Task<Ok<object>> GetRubric(CommunityService service)
    {
        var rubric = await service.CurrentRubricAsync();
        return TypedResults.Ok<object>(new { rubric.Id, rubric.Version, rubric.CreatedAt, rubric.Definition.Sections, rubric.Definition.Thresholds });
    }

    private static async Task<Results<Created<AssessResponse>, ValidationProblem, ProblemHttpResult>> Assess(long id, AssessRequest request,
        AppDbContext db, CommunityService service, HttpContext http)
    {
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == id);
        if (community is null) return ApiErrors.NotFound();
        var rubric = await service.CurrentRubricAsync();
        var errors = rubric.Definition.ValidateScores(request.Scores);
        if (request.AssessedOn is null) errors["assessedOn"] = ["The assessment date is required."];
        else if (request.AssessedOn > service.Today) errors["assessedOn"] = ["The assessment date cannot be in the future."];
        if (request.Assessor is { Length: > 200 }) errors["assessor"] = ["At most 200 characters."];
        if (errors.Count > 0) return ApiErrors.Validation(errors);
        var a = await service.AssessAsync(community, request.AssessedOn!.Value, request.Scores!, request.Assessor, request.Notes, http.User.DisplayName());
        return TypedResults.Created($"/api/v1/communities/{id}", new AssessResponse(a.Id, id, a.AssessedOn, rubric.Version, a.Category.ToString(),
            community.Category.ToString(), a.TourismScore, a.Reasons.Select(r => r.ToString()).ToList()));
    }

    private static async Task<Results<Ok<OverrideResponse>, ValidationProblem, ProblemHttpResult>> Override(long id, OverrideRequest request,
        AppDbContext db, CommunityService service, HttpContext http)
    {
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == id);
        if (community is null) return ApiErrors.NotFound();
        CommunityCategory? category = null;
        if (!string.IsNullOrWhiteSpace(request.Category))
        {
            category = CommunityService.ParseCategory(request.Category);
            if (category is null or CommunityCategory.Unclassified)
                return ApiErrors.Validation("category", "Use A, B, C or D (or null to clear the override).");
            if (string.IsNullOrWhiteSpace(request.Reason)) return ApiErrors.Validation("reason", "Write the reason for the override.");
            if (request.Reason.Length > 2000) return ApiErrors.Validation("reason", "At most 2000 characters.");
        }
        await service.OverrideAsync(community, category, request.Reason, http.User.DisplayName());
        return TypedResults.Ok(new OverrideResponse(id, community.Category.ToString(), community.ComputedCategory.ToString(),
            community.OverrideCategory is { } oc
                ? new OverrideDto(oc.ToString(), community.OverrideReason!, community.OverriddenBy, community.OverriddenAt)
                : null));
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
