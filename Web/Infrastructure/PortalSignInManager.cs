using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPrograms.Web.Pages.Account;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Identity's password check with a lockout per account and client address in front of it: failures from one address
/// lock that address out of the account (<see cref="SignInThrottle"/>), while the real user elsewhere still signs in.
/// Identity's own account-wide lockout stays, at a much higher count (SignIn:MaxFailuresPerAccount), as the backstop
/// against guessing from many addresses. The sign-in page and POST /api/v1/auth/token both come through here.
/// </summary>
public sealed class PortalSignInManager(UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation,
    SignInThrottle throttle)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var client = ClientLockout.ClientKey(RemoteAddress());
        if (lockoutOnFailure && await throttle.IsLockedAsync(user.Id, client))
        {
            // The same work as a real check, so a locked client cannot tell from timing whether it guessed right.
            DummyPassword.Verify(UserManager.PasswordHasher, password);
            Logger.LogWarning("Sign-in of user {UserId} refused: too many failures from this client", user.Id);
            return SignInResult.LockedOut;
        }
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (!lockoutOnFailure) return result;
        if (result.Succeeded) await throttle.ClearAsync(user.Id, client);
        else if (!result.IsLockedOut && !result.IsNotAllowed && await throttle.FailAsync(user.Id, client))
        {
            Logger.LogWarning("User {UserId} locked out for this client after repeated failures", user.Id);
            return SignInResult.LockedOut;
        }
        return result;
    }

    /// <summary>The caller's address (after the forwarded-headers middleware, where a proxy is trusted); none outside a request.</summary>
    private System.Net.IPAddress? RemoteAddress()
    {
        try { return Context.Connection.RemoteIpAddress; }
        catch (InvalidOperationException) { return null; } // no HttpContext: a command-line verb
    }
}
