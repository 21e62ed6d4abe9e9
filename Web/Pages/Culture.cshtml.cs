using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace PartnerPrograms.Web.Pages;

/// <summary>The language switch: a cookie for the browser, and the user's preference for e-mails and documents.</summary>
[AllowAnonymous]
public class CultureModel(UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        var chosen = culture == PortalCultures.English.Name ? PortalCultures.English : PortalCultures.Thai;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.PreferredLanguage = chosen == PortalCultures.English ? "en" : "th";
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
