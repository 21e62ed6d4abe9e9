using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Infrastructure;

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
