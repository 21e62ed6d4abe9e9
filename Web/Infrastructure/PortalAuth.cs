using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

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
