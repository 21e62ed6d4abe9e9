using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Web.Pages.Partners;

/// <summary>Register or edit an organisation and its contacts (staff).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, IStringLocalizer l) : PageModel
{
    public const int EmptyContactRows = 2;
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Conflict { get; private set; }

    public sealed class ContactInput
    {
        public long Id { get; set; }
        public string? Name { get; set; }
        public string? Position { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    public sealed class InputModel
    {
        public OrganizationKind Kind { get; set; } = OrganizationKind.GovernmentDepartment;
        public string? NameTh { get; set; }
        public string? NameEn { get; set; }
        public string? ShortName { get; set; }
        public string? Address { get; set; }
        public string? Province { get; set; }
        public uint Version { get; set; }
        public List<ContactInput> Contacts { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var o = await db.Organizations.AsNoTracking().Include(x => x.Contacts).SingleOrDefaultAsync(x => x.Id == id);
            if (o is null) return NotFound();
            Input = new InputModel
            {
                Kind = o.Kind,
                NameTh = o.NameTh,
                NameEn = o.NameEn,
                ShortName = o.ShortName,
                Address = o.Address,
                Province = o.Province,
                Version = o.Version,
                Contacts = o.Contacts.OrderBy(c => c.Id)
                    .Select(c => new ContactInput
                    {
                        Id = c.Id,
                        Name = c.Name,
                        Position = c.Position,
                        Email = c.Email,
                        Phone = c.Phone,
                    })
                    .ToList(),
            };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = Input.NameTh?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("Input.NameTh", l["The Thai name is required."]);
        else if (await db.Organizations.AnyAsync(o => o.NameTh == name && o.Id != Id))
            ModelState.AddModelError("Input.NameTh", l["An organisation with this name is already registered."]);
        foreach (var (c, i) in Input.Contacts.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(c.Name) && (c.Email ?? c.Phone ?? c.Position) is not null && c.Id == 0)
                ModelState.AddModelError($"Input.Contacts[{i}].Name", l["A contact needs a name."]);
            if (!string.IsNullOrWhiteSpace(c.Email) && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(c.Email.Trim()))
                ModelState.AddModelError($"Input.Contacts[{i}].Email", l["The e-mail address is not valid."]);
        }
        if (!ModelState.IsValid) { Pad(); return Page(); }

        Organization org;
        if (Id is { } id)
        {
            var found = await db.Organizations.Include(x => x.Contacts).SingleOrDefaultAsync(x => x.Id == id);
            if (found is null) return NotFound();
            org = found;
            db.Entry(org).Property(o => o.Version).OriginalValue = Input.Version;
        }
        else
        {
            org = new Organization();
            db.Organizations.Add(org);
        }
        org.Kind = Input.Kind; org.NameTh = name!; org.NameEn = Blank(Input.NameEn); org.ShortName = Blank(Input.ShortName);
        org.Address = Blank(Input.Address); org.Province = Blank(Input.Province);
        foreach (var c in Input.Contacts)
        {
            var existing = c.Id == 0 ? null : org.Contacts.FirstOrDefault(x => x.Id == c.Id);
            if (string.IsNullOrWhiteSpace(c.Name)) { if (existing is not null) org.Contacts.Remove(existing); continue; }
            if (existing is null) { existing = new OrganizationContact(); org.Contacts.Add(existing); }
            existing.Name = c.Name.Trim(); existing.Position = Blank(c.Position); existing.Email = Blank(c.Email); existing.Phone = Blank(c.Phone);
        }
        if (Id is not null) db.Entry(org).State = db.Entry(org).State == EntityState.Unchanged ? EntityState.Modified : db.Entry(org).State;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            Conflict = true;
            ModelState.AddModelError("", l["Someone else changed this organisation meanwhile. Reload it and apply your change again."]);
            Pad();
            return Page();
        }
        TempData["Flash"] = l["Saved."].Value;
        return Redirect("/Partners");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private void Pad() { for (var i = 0; i < EmptyContactRows; i++) Input.Contacts.Add(new ContactInput()); }
}
