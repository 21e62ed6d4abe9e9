namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Settings of the per-client lockout (section SignIn).</summary>
public sealed class SignInLockoutOptions
{
    /// <summary>Failures from one client address that lock that client out of the account.</summary>
    public int MaxFailuresPerClient { get; set; } = 5;
    /// <summary>Failures from all addresses together that lock the account itself (the backstop).</summary>
    public int MaxFailuresPerAccount { get; set; } = 50;
    public int LockoutMinutes { get; set; } = 15;
    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);
}
