using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Refuses passwords on the shipped list of common and breached passwords (ASVS 2.1.7), and passwords over 128
/// characters (ASVS 2.1.2: hashing megabytes is a cheap way to load the server). The list is read once per process.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer l) : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    private static readonly Lazy<PasswordDictionary> Words = new(Load);

    public static PasswordDictionary Dictionary => Words.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is { Length: > MaxLength })
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = l["Passwords must be at most {0} characters.", MaxLength],
            }));
        if (Words.Value.IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description =
                    l["This password is too common or has appeared in a data breach, so it is easy to guess. Choose another, for example a short sentence."],
            }));
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>The general list (MIT, Passwords/LICENSE-common-passwords.txt) and the project's Thai additions.</summary>
    private static PasswordDictionary Load()
    {
        var asm = typeof(CommonPasswordValidator).Assembly;
        var words = new List<string>(50_000);
        foreach (var name in new[] { "passwords/common-passwords.txt", "passwords/thai-common-passwords.txt" })
        {
            using var stream = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The password list {name} is not embedded.");
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            while (reader.ReadLine() is { } line)
                if (!line.StartsWith("# ", StringComparison.Ordinal)) words.Add(line);
        }
        return new PasswordDictionary(words);
    }
}
