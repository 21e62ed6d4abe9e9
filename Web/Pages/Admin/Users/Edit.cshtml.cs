using Microsoft.AspNetCore.Identity;
using PartnerPrograms.Web.Pages.Account;

namespace PartnerPrograms.Web.Pages.Admin.Users;

public class EditModel(AppDbContext db, UserManager<AppUser> users, AccountMails mails, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public InviteModel.InputModel Input { get; set; } = new();
    public string? Email { get; private set; }
    public List<(long Id, string Name)> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null) return NotFound();
        Email = user.Email;
        Input = new InviteModel.InputModel
        {
            DisplayName = user.DisplayName,
            Role = user.Role,
            OrganizationId = user.OrganizationId,
            Disabled = user.IsDisabled,
        };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null) return NotFound();
        Email = user.Email;
        Input.DisplayName = (Input.DisplayName ?? "").Trim();
        // An empty name was saved as such: the user list then showed a blank row.
        if (Input.DisplayName.Length is 0 or > 200)
            ModelState.AddModelError("Input.DisplayName", l["Enter the person's name."]);
        if (AppUser.ValidateRoleLinks(Input.Role, Input.OrganizationId, Input.Role == Roles.Participant ? user.TraineeId : null) is { } error)
            ModelState.AddModelError("Input.Role", l[error]);
        if (user.Id == User.UserId() && (Input.Role != Roles.Admin || Input.Disabled))
            ModelState.AddModelError("Input.Role", l["You cannot remove your own admin role or disable yourself."]);
        // A posted id that names no organisation (a stale form, or a crafted one) was a foreign-key 500 on save.
        if (Input.Role == Roles.Partner && Input.OrganizationId is { } org && !await db.Organizations.AnyAsync(o => o.Id == org))
            ModelState.AddModelError("Input.OrganizationId", l["Unknown organisation."]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }

        user.DisplayName = Input.DisplayName;
        user.OrganizationId = Input.Role == Roles.Partner ? Input.OrganizationId : null;
        if (Input.Role != Roles.Participant) user.TraineeId = null;
        user.IsDisabled = Input.Disabled;
        // A disabled user is locked out for good; the new security stamp signs them out everywhere.
        user.LockoutEnd = Input.Disabled ? DateTimeOffset.MaxValue : null;
        var result = await RoleSetup.SetRoleAsync(users, user, Input.Role);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            await LoadAsync();
            return Page();
        }
        if (Input.Disabled)
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTime.UtcNow));
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null) return NotFound();
        var inviter = User.DisplayName();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        if (user.PasswordHash is null) await mails.QueueInvitationAsync(user, token, inviter);
        else await mails.QueuePasswordResetAsync(user, token);
        TempData["Flash"] = l["Invitation sent to {0}.", user.Email!].Value;
        return RedirectToPage("/Admin/Users/Index");
    }

    private async Task LoadAsync() =>
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.NameTh).Select(o => new { o.Id, o.NameTh }).ToListAsync())
            .Select(o => (o.Id, o.NameTh)).ToList();
}
