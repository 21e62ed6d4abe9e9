namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A link in the top navigation. Text is the English key; Roles empty means every signed-in user. Links that share a
/// Menu (an English key) are shown as one drop-down when the user sees two or more of them, so the admin's bar fits.
/// </summary>
public sealed record NavItem(string Text, string Href, int Order, params string[] Roles)
{
    public string? Menu { get; init; }

    public bool VisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Length == 0 || Roles.Any(user.IsInRole));
}
