using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Pages.Account;

/// <summary>Sign-in, tokens and the caller's identity over the API; the admin pages' navigation.</summary>
public sealed class AccountFeature : IPortalFeature
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(90);

    public IEnumerable<NavItem> Navigation =>
    [
        new("Users", "/Admin/Users", 900, Roles.Admin) { Menu = NavMenus.Administration },
        new("Jobs", "/jobs", 910, Roles.Admin) { Menu = NavMenus.Administration },
        new("Outbox", "/Admin/Outbox", 920, Roles.Admin) { Menu = NavMenus.Administration },
    ];

    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<AccountMails>();

    public void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange e-mail and password for a Bearer token (failed attempts count towards lockout).");
        api.MapGet("/me", Me).RequireAuthorization().WithSummary("Who the caller is.");
        api.MapGet("/me/tokens", ListTokens).RequireAuthorization();
        api.MapDelete("/me/tokens/{id:long}", RevokeToken).RequireAuthorization();
    }

    public sealed record TokenRequest([property: Required] string Email, [property: Required] string Password, string? Name);
    public sealed record TokenResponse(string Token, DateTime ExpiresAt);
    public sealed record MeResponse(Guid Id, string Email, string Role, long? OrganizationId, string? OrganizationName, long? TraineeId, string DisplayName);
    public sealed record TokenSummary(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> IssueToken(
        TokenRequest request, SignInManager<AppUser> signIn, AppDbContext db, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return ApiErrors.Validation(new Dictionary<string, string[]> { ["email"] = ["E-mail and password are required."] });
        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        // Same answer for an unknown e-mail and a wrong password: no user enumeration.
        var unauthorized = TypedResults.Problem(title: "Invalid e-mail or password", statusCode: 401);
        if (user is null || user.IsDisabled)
        {
            DummyPassword.Verify(signIn.UserManager.PasswordHasher, request.Password); // same time as a wrong password
            return unauthorized;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut) return TypedResults.Problem(title: "Account locked", detail: "Too many failed attempts; try again later.", statusCode: 401);
        if (!result.Succeeded) return unauthorized;
        var (token, plain) = ApiToken.Create(
            user.Id,
            string.IsNullOrWhiteSpace(request.Name) ? "API" : request.Name.Trim()[..Math.Min(100, request.Name.Trim().Length)],
            clock.GetUtcNow().UtcDateTime, TokenLifetime);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return TypedResults.Ok(new TokenResponse(plain, token.ExpiresAt));
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> Me(HttpContext http, AppDbContext db)
    {
        var id = http.User.UserId();
        var me = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new MeResponse(u.Id, u.Email!, u.Role, u.OrganizationId,
                db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.NameTh).FirstOrDefault(), u.TraineeId, u.DisplayName))
            .SingleOrDefaultAsync();
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }

    private static async Task<Ok<List<TokenSummary>>> ListTokens(HttpContext http, AppDbContext db)
    {
        var id = http.User.UserId();
        return TypedResults.Ok(await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToListAsync());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(long id, HttpContext http, AppDbContext db, TimeProvider clock)
    {
        var userId = http.User.UserId();
        var n = await db.ApiTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, clock.GetUtcNow().UtcDateTime));
        return n == 0 ? ApiErrors.NotFound() : TypedResults.NoContent();
    }
}
