using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

public static class PortalAuth
{
    public const string SmartScheme = "cookie-or-bearer";
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";
    public const string PartnerPolicy = "partner";
    public const string ParticipantPolicy = "participant";
    public const string OrganizationClaim = "pp:org";
    public const string TraineeClaim = "pp:trainee";
    public const string DisplayNameClaim = "pp:name";

    /// <summary>
    /// Bearer when the request carries a token. The sign-in cookie is read for pages and for safe API requests (GET,
    /// HEAD) only: a browser sends the cookie along with any cross-site request, and the API checks no antiforgery
    /// token, so a write to /api/v1 must come with a Bearer token (the portal's own scripts only read).
    /// </summary>
    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (ApiErrors.IsApi(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            ? BearerTokenHandler.SchemeName
            : IdentityConstants.ApplicationScheme;

    public static long? OrganizationId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(OrganizationClaim), out var v) ? v : null;
    public static long? TraineeId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TraineeClaim), out var v) ? v : null;
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var v) ? v : null;
    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin);

    /// <summary>
    /// The acting user's name, as shown in the layout and recorded in audit columns ("changed by"): the display name
    /// the sign-in carries (the e-mail when the account has no name), empty for an anonymous caller.
    /// </summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";
}

/// <summary>Adds the user's organisation, trainee record and name to the sign-in, for scoping and the layout.</summary>
public sealed class PortalClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    /// <summary>The same claims without the database, for a caller that has loaded the user and their roles (API tokens).</summary>
    public static ClaimsIdentity Identity(AppUser user, IEnumerable<string> roles, ClaimsIdentityOptions o, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(o.UserIdClaimType, user.Id.ToString()));
        identity.AddClaim(new Claim(o.UserNameClaimType, user.UserName ?? ""));
        if (user.Email is { } email) identity.AddClaim(new Claim(o.EmailClaimType, email));
        if (user.SecurityStamp is { } stamp) identity.AddClaim(new Claim(o.SecurityStampClaimType, stamp));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(o.RoleClaimType, role));
            if (o.RoleClaimType != ClaimTypes.Role) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
        AddPortalClaims(identity, user);
        return identity;
    }

    private static void AddPortalClaims(ClaimsIdentity identity, AppUser user)
    {
        if (user.OrganizationId is { } org) identity.AddClaim(new Claim(PortalAuth.OrganizationClaim, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.TraineeId is { } trainee) identity.AddClaim(new Claim(PortalAuth.TraineeClaim, trainee.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalAuth.DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        AddPortalClaims(identity, user);
        return identity;
    }
}

/// <summary>
/// The data scope of the current request: a partner sees its organisation's records only, a participant their own.
/// A partner or participant account that lacks its link sees nothing (-1 matches no row) rather than everything.
/// </summary>
public sealed class HttpDataScope(IHttpContextAccessor accessor) : IDataScope
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;
    public long? PartnerOrganizationId => User?.IsInRole(Roles.Partner) == true ? User.OrganizationId() ?? -1 : null;
    public long? ParticipantTraineeId => User?.IsInRole(Roles.Participant) == true ? User.TraineeId() ?? -1 : null;
}

/// <summary>Personal API tokens: "Authorization: Bearer pp_…", looked up by SHA-256, with the user's own rights.</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, SignInManager<AppUser> signIn, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = ApiToken.Hash(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        // One round trip: the token, its user and the user's roles (it was seven: token, user, roles, role claims, user
        // claims … on every API call). The claims are the ones PortalClaimsFactory gives a cookie sign-in; the portal
        // stores no user or role claims.
        var found = await db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new
            {
                Token = t,
                User = u,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .SingleOrDefaultAsync();
        if (found is null || !found.Token.IsActive(now)) return AuthenticateResult.Fail("invalid or expired token");
        var (token, user) = (found.Token, found.User);
        if (user.IsDisabled || (user.LockoutEnabled && user.LockoutEnd is { } end && end > clock.GetUtcNow()))
            return AuthenticateResult.Fail("user disabled");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now));
        var identity = PortalClaimsFactory.Identity(user, found.Roles, signIn.Options.ClaimsIdentity, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required", "Send a valid token: Authorization: Bearer <token>. The sign-in cookie is accepted for GET requests only.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");
}

public static class RoleSetup
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
            {
                try { await roles.CreateAsync(new AppRole(role)); }
                catch (DbUpdateException) { /* another instance created it at the same moment */ }
            }
    }

    /// <summary>Sets a user's one role, mirrored into Identity's role table, and invalidates their sign-ins.</summary>
    public static async Task<IdentityResult> SetRoleAsync(UserManager<AppUser> users, AppUser user, string role)
    {
        var current = await users.GetRolesAsync(user);
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0) { var r = await users.RemoveFromRolesAsync(user, remove); if (!r.Succeeded) return r; }
        if (!current.Contains(role)) { var r = await users.AddToRoleAsync(user, role); if (!r.Succeeded) return r; }
        user.Role = role;
        await users.UpdateSecurityStampAsync(user);
        return await users.UpdateAsync(user);
    }
}
