using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages;

public class IndexModel(TimeProvider clock) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public string DisplayName => User.FindFirst(PortalAuth.DisplayNameClaim)?.Value ?? User.Identity?.Name ?? "";
    public string Role => Roles.All.FirstOrDefault(User.IsInRole) ?? "";
    public DateOnly Today => Dates.TodayInBangkok(clock);

    public void OnGet() { }
}
