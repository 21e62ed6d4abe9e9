using Microsoft.AspNetCore.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Web.Pages.Account;

namespace PartnerPrograms.Web.Pages.Admin.Users;

public class InviteModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, IStringLocalizer l) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<(long Id, string Name)> Organizations { get; private set; } = [];

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = Roles.Partner;
        public long? OrganizationId { get; set; }
        public string Language { get; set; } = "th";
        public bool Disabled { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Email = (Input.Email ?? "").Trim();
        Input.DisplayName = (Input.DisplayName ?? "").Trim();
        if (!EmailAddresses.IsValid(Input.Email)) ModelState.AddModelError("Input.Email", l["Enter a valid e-mail address."]);
        if (Input.DisplayName.Length is 0 or > 200) ModelState.AddModelError("Input.DisplayName", l["Enter the person's name."]);
        if (AppUser.ValidateRoleLinks(Input.Role, Input.OrganizationId, null) is { } error) ModelState.AddModelError("Input.Role", l[error]);
        if (Input.OrganizationId is { } org && !await db.Organizations.AnyAsync(o => o.Id == org))
            ModelState.AddModelError("Input.OrganizationId", l["Unknown organisation."]);
        if (ModelState.IsValid && await users.FindByEmailAsync(Input.Email) is not null)
            ModelState.AddModelError("Input.Email", l["A user with this e-mail already exists."]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }

        var user = new AppUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            DisplayName = Input.DisplayName,
            Role = Input.Role,
            OrganizationId = Input.Role == Roles.Partner ? Input.OrganizationId : null,
            PreferredLanguage = Input.Language == "en" ? "en" : "th",
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded) result = await RoleSetup.SetRoleAsync(users, user, Input.Role);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            await LoadAsync();
            return Page();
        }
        var inviter = User.DisplayName();
        await mails.QueueInvitationAsync(user, await users.GeneratePasswordResetTokenAsync(user), inviter);
        TempData["Flash"] = l["Invitation sent to {0}.", user.Email!].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    private async Task LoadAsync() =>
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.NameTh).Select(o => new { o.Id, o.NameTh }).ToListAsync())
            .Select(o => (o.Id, o.NameTh)).ToList();
}
