using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPrograms.Web.Pages.Geography;

/// <summary>
/// The official administrative lists (provinces, districts, sub-districts), shipped in Domain/Geography/Data and
/// loaded into the database at start in every environment (only into empty tables), and read over /api/v1/geography.
/// </summary>
public sealed class GeographyFeature : IPortalFeature
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddHostedService<GeographyStartup>();

    public void MapApi(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/geography").RequireAuthorization();
        g.MapGet("/provinces", Provinces).WithSummary("The 77 provinces: DOPA code, Thai and English names, region.");
        g.MapGet("/provinces/{code}/districts", Districts).WithSummary("The districts of a province (by its DOPA code).");
        g.MapGet("/districts/{code:int}/sub-districts", SubDistricts).WithSummary("The sub-districts of a district (by its 4-digit code).");
    }

    public sealed record ProvinceDto(string Code, string NameTh, string NameEn, string Region);
    public sealed record PlaceDto(int Code, string NameTh, string NameEn, string? PostalCode = null);

    private static async Task<Ok<List<ProvinceDto>>> Provinces(AppDbContext db) =>
        TypedResults.Ok((await db.Provinces.AsNoTracking().OrderBy(p => p.NameTh).Select(p => new { p.Code, p.NameTh, p.NameEn, p.Region }).ToListAsync())
            .Select(p => new ProvinceDto(p.Code, p.NameTh, p.NameEn, char.ToLowerInvariant(p.Region.ToString()[0]) + p.Region.ToString()[1..])).ToList());

    private static async Task<Results<Ok<List<PlaceDto>>, ProblemHttpResult>> Districts(string code, AppDbContext db)
    {
        var province = await db.Provinces.AsNoTracking().Where(p => p.Code == code).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        if (province is null) return ApiErrors.NotFound("No such province");
        return TypedResults.Ok(await db.Districts.AsNoTracking().Where(d => d.ProvinceId == province).OrderBy(d => d.NameTh)
            .Select(d => new PlaceDto(d.Id, d.NameTh, d.NameEn, null)).ToListAsync());
    }

    private static async Task<Results<Ok<List<PlaceDto>>, ProblemHttpResult>> SubDistricts(int code, AppDbContext db)
    {
        if (!await db.Districts.AnyAsync(d => d.Id == code)) return ApiErrors.NotFound("No such district");
        return TypedResults.Ok(await db.SubDistricts.AsNoTracking().Where(s => s.DistrictId == code).OrderBy(s => s.NameTh)
            .Select(s => new PlaceDto(s.Id, s.NameTh, s.NameEn, s.PostalCode)).ToListAsync());
    }
}
