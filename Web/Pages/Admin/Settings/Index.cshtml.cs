using PartnerPrograms.Domain.Settings;

namespace PartnerPrograms.Web.Pages.Admin.Settings;

/// <summary>Admin only (folder convention). Settings are one row; a concurrent edit by another admin is reported.</summary>
public class IndexModel(AppDbContext db, TimeProvider clock, IStringLocalizer l) : PageModel
{
    [BindProperty] public PortalSettings Input { get; set; } = new();
    [BindProperty] public uint? Version { get; set; }
    [BindProperty] public string ActionDays { get; set; } = "";
    [BindProperty] public string MouDays { get; set; } = "";

    public async Task OnGetAsync()
    {
        Input = await SettingsStore.LoadAsync(db);
        Version = await SettingsStore.VersionAsync(db);
        ActionDays = string.Join(", ", Input.ActionDueLeadDays);
        MouDays = string.Join(", ", Input.MouTermLeadDays);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? logo)
    {
        var current = await SettingsStore.LoadAsync(db);
        Input.LogoDataUrl = current.LogoDataUrl;
        if (logo is { Length: > 0 })
        {
            if (logo.Length > 300_000) ModelState.AddModelError("logo", l["The logo is too large (at most 300 KB)."]);
            else
            {
                using var ms = new MemoryStream();
                await logo.CopyToAsync(ms);
                var bytes = ms.ToArray();
                // Type by content, not by the file name.
                var type = bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : bytes is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg" : null;
                if (type is null) ModelState.AddModelError("logo", l["The logo must be a PNG or JPEG image."]);
                else Input.LogoDataUrl = $"data:{type};base64,{Convert.ToBase64String(bytes)}";
            }
        }
        var actionDays = PortalSettings.ParseDays(ActionDays);
        var mouDays = PortalSettings.ParseDays(MouDays);
        if (actionDays is null) ModelState.AddModelError(nameof(ActionDays), l["Lead times must be between 1 and 365 days."]);
        else Input.ActionDueLeadDays = actionDays;
        if (mouDays is null) ModelState.AddModelError(nameof(MouDays), l["Lead times must be between 1 and 730 days."]);
        else Input.MouTermLeadDays = mouDays;
        foreach (var (field, error) in Input.Validate()) ModelState.AddModelError("Input." + field, l[error]);
        if (!ModelState.IsValid) return Page();
        try
        {
            await SettingsStore.SaveAsync(db, Input, Version, clock.GetUtcNow().UtcDateTime);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Another admin changed the settings while you were editing. Reload the page and make your change again."]);
            return Page();
        }
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage();
    }
}
