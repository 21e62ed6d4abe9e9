using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Draft a new MOU, or edit a draft (a signed MOU is not rewritten).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, MouDrafts drafts, IStringLocalizer l) : PageModel, IRedisplayPage
{
    public const int PartyRows = 6;
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<(long Id, string Name)> Organizations { get; private set; } = [];

    public sealed class PartyInput
    {
        public long? OrganizationId { get; set; }
        public PartyRole Role { get; set; } = PartyRole.Partner;
        public string? SignatoryName { get; set; }
        public string? SignatoryPosition { get; set; }
        public string? Duties { get; set; }
    }

    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string? Purpose { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public uint Version { get; set; }
        public List<PartyInput> Parties { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var m = await MouQueries.DetailAsync(db, id);
            if (m is null) return NotFound();
            if (m.Status != MouStatus.Draft) return Redirect($"/Mous/Details?id={id}");
            Input = new InputModel
            {
                Code = m.Code,
                Title = m.Title,
                Purpose = m.Purpose,
                StartDate = m.StartDate,
                EndDate = m.EndDate,
                Version = m.Version,
                Parties = m.Parties
                    .Select(p => new PartyInput
                    {
                        OrganizationId = p.OrganizationId,
                        Role = p.Role,
                        SignatoryName = p.SignatoryName,
                        SignatoryPosition = p.SignatoryPosition,
                        Duties = p.Duties,
                    })
                    .ToList(),
            };
        }
        else
        {
            var foundation = await db.Organizations.AsNoTracking()
                .Where(o => o.Kind == Domain.Organizations.OrganizationKind.Foundation)
                .OrderBy(o => o.Id)
                .Select(o => (long?)o.Id)
                .FirstOrDefaultAsync();
            Input.Parties.Add(new PartyInput { OrganizationId = foundation, Role = PartyRole.Lead });
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var draft = new MouDraft(Input.Code, Input.Title, Input.Purpose, Input.StartDate, Input.EndDate,
            Input.Parties.Where(p => p.OrganizationId is > 0)
                .Select(p => new PartyDraft(p.OrganizationId!.Value, p.Role, p.SignatoryName, p.SignatoryPosition, p.Duties)).ToList());
        var actor = MouActor.From(User);
        long id;
        if (Id is { } existing) await drafts.UpdateAsync(id = existing, draft, Input.Version, actor);
        else id = await drafts.CreateAsync(draft, actor);
        TempData["Flash"] = l["Saved."].Value;
        return Redirect($"/Mous/Details?id={id}");
    }

    /// <summary>The API's field names ("startDate") are this form's inputs ("Input.StartDate").</summary>
    public string FieldKey(string field) => "Input." + char.ToUpperInvariant(field[0]) + field[1..];

    public async Task<bool> LoadAsync()
    {
        while (Input.Parties.Count < PartyRows) Input.Parties.Add(new PartyInput());
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.NameTh).Select(o => new { o.Id, o.NameTh }).ToListAsync())
            .Select(o => (o.Id, o.NameTh)).ToList();
        return true;
    }
}
