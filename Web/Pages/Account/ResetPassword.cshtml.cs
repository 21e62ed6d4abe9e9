using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace PartnerPrograms.Web.Pages.Account;

/// <summary>Sets a password from a reset or invitation link. Identity's tokens carry the security stamp, which
/// changes when the password is set, so a link works once.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public class ResetPasswordModel(UserManager<AppUser> users, Microsoft.Extensions.Localization.IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty, DataType(DataType.Password)] public string Password { get; set; } = "";
    [BindProperty, DataType(DataType.Password)] public string Confirm { get; set; } = "";
    /// <summary>Messages in the request's language (Identity's come localized from PortalIdentityErrors and the validators).</summary>
    public List<string> Errors { get; } = [];
    /// <summary>An invitation link (first password) rather than a reset.</summary>
    [BindProperty(SupportsGet = true)] public bool Invite { get; set; }
    public bool IsInvitation => Invite;

    public IActionResult OnGet() => string.IsNullOrEmpty(Token) ? RedirectToPage("/Account/ForgotPassword") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Password != Confirm) { Errors.Add(l["The two passwords differ."]); return Page(); }
        var user = await users.FindByEmailAsync(Email ?? "");
        if (user is null || user.IsDisabled) { Errors.Add(l["This link is not valid or has expired."]); return Page(); }
        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        if (!user.EmailConfirmed) { user.EmailConfirmed = true; await users.UpdateAsync(user); }
        await users.ResetAccessFailedCountAsync(user);
        TempData["Flash"] = l["Your password is set. You can sign in now."].Value;
        return RedirectToPage("/Account/Login");
    }
}
