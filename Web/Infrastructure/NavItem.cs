namespace PartnerPrograms.Web.Infrastructure;

/// <summary>A link in the top navigation. Text is the English key; Roles empty means every signed-in user.</summary>
public sealed record NavItem(string Text, string Href, int Order, params string[] Roles)
{
    public bool VisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (Roles.Length == 0 || Roles.Any(user.IsInRole));
}
