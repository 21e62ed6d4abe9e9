using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace PartnerPrograms.Web.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public class LoginModel(SignInManager<AppUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        // The tag helper writes type="password" from this too, so the field stays masked even if the markup loses its type.
        [DataType(DataType.Password)] public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        // One message for an unknown e-mail, a wrong password and a disabled account: no user enumeration.
        const string invalid = "The e-mail or password is not correct.";
        var user = string.IsNullOrWhiteSpace(Input.Email) ? null : await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null || user.IsDisabled)
        {
            // Verify against a dummy hash so an unknown e-mail takes as long as a wrong password.
            DummyPassword.Verify(signIn.UserManager.PasswordHasher, Input.Password);
            Error = invalid;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password ?? "", Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
            Error = "Too many failed attempts. The account is locked for 15 minutes.";
            return Page();
        }
        Error = invalid;
        return Page();
    }
}
