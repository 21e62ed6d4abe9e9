using System.ComponentModel.DataAnnotations;
using Npgsql;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>Registers a community (no id) or edits one. The place is picked from the official lists, never typed.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, CommunityService service, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<Option> Provinces { get; private set; } = [];
    public List<Option> Districts { get; private set; } = [];
    public List<Option> SubDistricts { get; private set; } = [];
    public List<Option> Organizations { get; private set; } = [];

    public sealed record Option(string Value, string Text);

    public sealed class InputModel
    {
        public string Name { get; set; } = "";
        [Range(1, 999)] public int? VillageNo { get; set; }
        public string? ProvinceCode { get; set; }
        public int? DistrictId { get; set; }
        public int? SubDistrictId { get; set; }
        [Range(5.0, 21.0)] public decimal? Latitude { get; set; }
        [Range(97.0, 106.0)] public decimal? Longitude { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public string? ContactEmail { get; set; }
        public string? Notes { get; set; }
        public List<long> PartnerIds { get; set; } = [];
        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var input = await db.Communities.AsNoTracking().Where(c => c.Id == id).Select(c => new InputModel
            {
                Name = c.Name,
                VillageNo = c.VillageNo,
                DistrictId = c.DistrictId,
                SubDistrictId = c.SubDistrictId,
                ProvinceCode = db.Provinces.Where(p => p.Id == c.ProvinceId).Select(p => p.Code).First(),
                Latitude = c.Latitude,
                Longitude = c.Longitude,
                ContactName = c.ContactName,
                ContactPhone = c.ContactPhone,
                ContactEmail = c.ContactEmail,
                Notes = c.Notes,
                PartnerIds = c.Partners.Select(p => p.OrganizationId).ToList(),
                Version = c.Version,
            }).SingleOrDefaultAsync();
            if (input is null) return NotFound();
            Input = input;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Name = (Input.Name ?? "").Trim();
        if (Input.Name.Length is 0 or > 300) ModelState.AddModelError("Input.Name", l["Enter the community's name."]);
        if (Input.ContactEmail is { Length: > 0 } email && !EmailAddresses.IsValid(email))
            ModelState.AddModelError("Input.ContactEmail", l["Enter a valid e-mail address."]);
        if ((Input.Latitude is null) != (Input.Longitude is null))
            ModelState.AddModelError("Input.Latitude", l["Give both latitude and longitude, or neither."]);
        var place = Input.SubDistrictId is { } sd ? await service.PlaceAsync(sd) : null;
        if (place is null || place.Value.D.Id != Input.DistrictId || place.Value.P.Code != Input.ProvinceCode)
            ModelState.AddModelError("Input.SubDistrictId", l["Choose the province, district and sub-district from the lists."]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }

        Community community;
        if (Id is { } id)
        {
            var found = await db.Communities.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == id);
            if (found is null) return NotFound();
            community = found;
            db.Entry(community).Property(c => c.Version).OriginalValue = Input.Version;
        }
        else
        {
            community = new Community();
            db.Communities.Add(community);
        }
        community.Name = Input.Name;
        community.VillageNo = Input.VillageNo;
        community.PlaceIn(place!.Value.S, place.Value.D, place.Value.P);
        community.Latitude = Input.Latitude is { } lat ? Math.Round(lat, 6) : null;
        community.Longitude = Input.Longitude is { } lng ? Math.Round(lng, 6) : null;
        community.ContactName = Blank(Input.ContactName);
        community.ContactPhone = Blank(Input.ContactPhone);
        community.ContactEmail = Blank(Input.ContactEmail);
        community.Notes = Blank(Input.Notes);
        await service.SetPartnersAsync(community, Input.PartnerIds);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Someone else changed this community. Reload the page and apply your change again."]);
            await LoadAsync();
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Name", l["This community is already registered in that village."]);
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage("/Communities/Details", new { id = community.Id });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task LoadAsync()
    {
        Provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.NameTh).Select(p => new Option(p.Code, p.NameTh)).ToListAsync();
        if (!string.IsNullOrEmpty(Input.ProvinceCode))
            Districts = await db.Districts.AsNoTracking().Where(d => db.Provinces.Any(p => p.Id == d.ProvinceId && p.Code == Input.ProvinceCode))
                .OrderBy(d => d.NameTh).Select(d => new Option(d.Id.ToString(), d.NameTh)).ToListAsync();
        if (Input.DistrictId is { } did)
            SubDistricts = await db.SubDistricts.AsNoTracking().Where(s => s.DistrictId == did)
                .OrderBy(s => s.NameTh).Select(s => new Option(s.Id.ToString(), s.NameTh)).ToListAsync();
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.NameTh).Select(o => new Option(o.Id.ToString(), o.NameTh)).ToListAsync();
    }
}
