using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>Registers or edits a trainee. The only page that shows the national ID in full (staff, PDPA).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public TraineeFields Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public long? ExistingId { get; private set; }
    public string? ConsentRecorded { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null) return Page();
        var t = await db.Trainees.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id);
        if (t is null) return NotFound();
        Input = TraineeFields.From(t);
        Version = t.Version;
        ConsentRecorded = t.PdpaConsentAt is { } at ? $"{Dates.DateTimeLocal(at)} · {t.PdpaConsentBy}" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = Input.Validate(out var clean);
        foreach (var (field, key) in errors)
            ModelState.AddModelError("Input." + char.ToUpperInvariant(field[0]) + field[1..], l[key]);
        if (ModelState.IsValid)
        {
            ExistingId = await db.Trainees.Where(t => t.NationalId == clean.NationalId && t.Id != Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
            if (ExistingId is not null) ModelState.AddModelError("Input.NationalId", l["A trainee with this national ID is already registered."]);
        }
        if (!ModelState.IsValid) return Page();
        var trainee = Id is null ? new Trainee { CreatedAt = clock.GetUtcNow().UtcDateTime } : await db.Trainees.SingleOrDefaultAsync(t => t.Id == Id);
        if (trainee is null) return NotFound();
        if (Id is null) db.Trainees.Add(trainee);
        else db.Entry(trainee).Property(t => t.Version).OriginalValue = Version;
        clean.ApplyTo(trainee, User.FindFirst(PortalAuth.DisplayNameClaim)?.Value ?? User.Identity?.Name ?? "", clock.GetUtcNow().UtcDateTime);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Someone else changed this record. Reload it and apply your change again."]);
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            ModelState.AddModelError("Input.NationalId", l["A trainee with this national ID is already registered."]);
            return Page();
        }
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage("/Trainees/Details", new { id = trainee.Id });
    }
}
