namespace PartnerPrograms.Domain.Privacy;

public static class NationalIdProtectionExtensions
{
    /// <summary>Registers the interceptor on a DbContext's options (the app does this; so must any tool that adds trainees through EF).</summary>
    public static DbContextOptionsBuilder UseNationalIdProtection(this DbContextOptionsBuilder options, NationalIdProtector protector) =>
        options.AddInterceptors(new NationalIdSealingInterceptor(protector));
}
