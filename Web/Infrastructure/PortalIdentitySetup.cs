using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Who the caller is: Identity with cookies for pages, personal Bearer tokens for /api/v1, the role policies.</summary>
public static class PortalIdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPortalPasswordsAndLockout(config);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        // A disabled or re-roled user is signed out everywhere within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "pp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiErrors.RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiErrors.RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddPolicyScheme(PortalAuth.SmartScheme, null, o => o.ForwardDefaultSelector = PortalAuth.SelectScheme);
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = PortalAuth.SmartScheme;
            o.DefaultAuthenticateScheme = PortalAuth.SmartScheme;
            o.DefaultChallengeScheme = PortalAuth.SmartScheme;
            o.DefaultForbidScheme = PortalAuth.SmartScheme;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalAuth.StaffPolicy, p => p.RequireRole(Roles.Staff, Roles.Admin))
            .AddPolicy(PortalAuth.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(PortalAuth.PartnerPolicy, p => p.RequireRole(Roles.Partner))
            .AddPolicy(PortalAuth.ParticipantPolicy, p => p.RequireRole(Roles.Participant))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Data-protection keys in PostgreSQL, so every instance reads the same key ring (shared sign-ins).
        services.AddDataProtection().SetApplicationName("PartnerPrograms");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DatabaseKeyRingSetup>();
        return services;
    }

    /// <summary>
    /// Passwords and lockout. At least 12 characters and not on the list of common and breached passwords (ASVS 2.1.1,
    /// 2.1.7), with no rules about character kinds (ASVS 2.1.9: they push people to "Password1!", which the list
    /// catches). Failures lock one client address out of an account after SignIn:MaxFailuresPerClient (5) for
    /// SignIn:LockoutMinutes (15); the account itself only after SignIn:MaxFailuresPerAccount (50) from anywhere.
    /// </summary>
    private static IdentityBuilder AddPortalPasswordsAndLockout(this IdentityBuilder identity, IConfiguration config)
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
