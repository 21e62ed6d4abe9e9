using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Identity's messages that reach a person (setting a password, a used link), in the request's language.</summary>
public sealed class PortalIdentityErrors(IStringLocalizer l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["Passwords must be at least {0} characters.", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = l["Passwords must use at least {0} different characters.", uniqueChars] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = l["This link is not valid or has expired."] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = l["The current password is not correct."] };
}
