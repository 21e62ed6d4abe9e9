using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Pages.Account;

/// <summary>
/// A password check against a hash of a random password, made by the same hasher (same iteration count): the work a
/// real check does, for requests naming an unknown or disabled account, so timing does not reveal which e-mails exist.
/// </summary>
public static class DummyPassword
{
    private static string? _hash;

    public static void Verify(IPasswordHasher<AppUser> hasher, string? password)
    {
        _hash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(new AppUser(), _hash, password ?? "");
    }
}
