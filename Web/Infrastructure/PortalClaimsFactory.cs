using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

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
        if (user.OrganizationId is { } org)
            identity.AddClaim(new Claim(PortalAuth.OrganizationClaim, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.TraineeId is { } trainee)
            identity.AddClaim(new Claim(PortalAuth.TraineeClaim, trainee.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalAuth.DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
    }

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        AddPortalClaims(identity, user);
        return identity;
    }
}
