using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>
/// Registers or edits a trainee. The national ID is never sent back to the browser: editing shows it masked and an
/// empty field keeps it (PDPA); the full number is only shown by the audited reveal on the trainee's page.
/// </summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, TimeProvider clock, IStringLocalizer l, PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public TraineeFields Input { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public long? ExistingId { get; private set; }
    public string? ConsentRecorded { get; private set; }
    /// <summary>The stored ID, masked (editing only).</summary>
    public string? MaskedNationalId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null) return Page();
        var t = await db.Trainees.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id && t.ErasedAt == null);
        if (t is null) return NotFound();
        Input = TraineeFields.From(t);
        MaskedNationalId = t.NationalIdMasked;
        Version = t.Version;
        ConsentRecorded = t.PdpaConsentAt is { } at ? $"{Dates.DateTimeLocal(at)} · {t.PdpaConsentBy}" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = Input.Validate(out var clean, keepStoredNationalId: Id is not null);
        foreach (var (field, key) in errors)
            ModelState.AddModelError("Input." + char.ToUpperInvariant(field[0]) + field[1..], l[key]);
        if (ModelState.IsValid && clean.NationalId.Length > 0)
        {
            var hash = nationalIds.Hash(clean.NationalId);
            ExistingId = await db.Trainees.Where(t => t.NationalIdHash == hash && t.Id != Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
            if (ExistingId is not null) ModelState.AddModelError("Input.NationalId", l["A trainee with this national ID is already registered."]);
        }
        if (Id is not null) MaskedNationalId = await db.Trainees.Where(t => t.Id == Id).Select(t => t.NationalIdMasked).SingleOrDefaultAsync();
        if (!ModelState.IsValid) { if (Id is not null) Input.NationalId = null; return Page(); }
        var trainee = Id is null
            ? new Trainee { CreatedAt = clock.GetUtcNow().UtcDateTime }
            : await db.Trainees.SingleOrDefaultAsync(t => t.Id == Id && t.ErasedAt == null);
        if (trainee is null) return NotFound();
        if (Id is null) db.Trainees.Add(trainee);
        else db.Entry(trainee).Property(t => t.Version).OriginalValue = Version;
        clean.ApplyTo(trainee, User.DisplayName(), clock.GetUtcNow().UtcDateTime);
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
        // Saving without consent is allowed (it may come later, on paper) but never silent.
        if (trainee.PdpaConsentAt is null)
            TempData["FlashWarning"] =
                l["Saved without the person's PDPA consent. Record it on their page once they give it."].Value;
        return RedirectToPage("/Trainees/Details", new { id = trainee.Id });
    }
}
