using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Infrastructure;

public static class PortalIdentitySetup
{
    /// <summary>
    /// Passwords and lockout. At least 12 characters and not on the list of common and breached passwords (ASVS 2.1.1,
    /// 2.1.7), with no rules about character kinds (ASVS 2.1.9: they push people to "Password1!", which the list
    /// catches). Failures lock one client address out of an account after SignIn:MaxFailuresPerClient (5) for
    /// SignIn:LockoutMinutes (15); the account itself only after SignIn:MaxFailuresPerAccount (50) from anywhere.
    /// </summary>
    public static IdentityBuilder AddPortalPasswordsAndLockout(this IdentityBuilder identity, IConfiguration config)
    {
        var services = identity.Services;
        services.Configure<SignInLockoutOptions>(config.GetSection("SignIn"));
        var lockout = config.GetSection("SignIn").Get<SignInLockoutOptions>() ?? new SignInLockoutOptions();
        services.Configure<IdentityOptions>(o =>
        {
            o.Password.RequiredLength = 12;
            o.Password.RequiredUniqueChars = 4;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireLowercase = false;
            o.Password.RequireDigit = false;
            o.Lockout.MaxFailedAccessAttempts = lockout.MaxFailuresPerAccount;
            o.Lockout.DefaultLockoutTimeSpan = lockout.Lockout;
            o.Lockout.AllowedForNewUsers = true;
        });
        services.AddScoped<SignInThrottle>();
        return identity
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<PortalIdentityErrors>()
            .AddUserManager<PortalUserManager>()
            .AddSignInManager<PortalSignInManager>();
    }
}
