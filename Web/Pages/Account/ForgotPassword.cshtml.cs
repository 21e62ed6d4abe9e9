using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace PartnerPrograms.Web.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public class ForgotPasswordModel(UserManager<AppUser> users, AccountMails mails) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is { IsDisabled: false })
            await mails.QueuePasswordResetAsync(user, await users.GeneratePasswordResetTokenAsync(user));
        Sent = true; // the same answer whether or not the address exists
        return Page();
    }
}
