using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Identity's user manager, plus: whenever a password is set, changed, reset or removed, the user's API tokens are
/// revoked. Identity already changes the security stamp then, which signs out every other session at its next check
/// (within a minute); a token was a way in that survived the reset of a stolen password.
/// </summary>
public sealed class PortalUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer normalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger, AppDbContext db, TimeProvider clock)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        await RevokeTokensIfAsync(user, await base.ResetPasswordAsync(user, token, newPassword));

    public override async Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword) =>
        await RevokeTokensIfAsync(user, await base.ChangePasswordAsync(user, currentPassword, newPassword));

    public override async Task<IdentityResult> AddPasswordAsync(AppUser user, string password) =>
        await RevokeTokensIfAsync(user, await base.AddPasswordAsync(user, password));

    public override async Task<IdentityResult> RemovePasswordAsync(AppUser user) =>
        await RevokeTokensIfAsync(user, await base.RemovePasswordAsync(user));

    private async Task<IdentityResult> RevokeTokensIfAsync(AppUser user, IdentityResult result)
    {
        if (!result.Succeeded) return result;
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
        if (revoked > 0) Logger.LogInformation("Password of user {UserId} changed: {Count} API token(s) revoked", user.Id, revoked);
        return result;
    }
}
