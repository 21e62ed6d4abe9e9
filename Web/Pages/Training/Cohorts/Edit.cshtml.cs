using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training.Cohorts;

[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, TrainingCommands commands, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<(long Id, string Title)> Courses { get; private set; } = [];
    public List<(long Id, string Name)> Organizations { get; private set; } = [];

    public sealed class InputModel
    {
        public long CourseId { get; set; }
        public string? Name { get; set; }
        public List<long> PartnerIds { get; set; } = [];
        public long? MouId { get; set; }
        public bool IsOnline { get; set; }
        public string? Venue { get; set; }
        public string? Province { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public int Capacity { get; set; } = 30;
        public string? Instructors { get; set; }
        public CohortStatus Status { get; set; } = CohortStatus.Planned;
        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? courseId)
    {
        if (Id is { } id)
        {
            var c = await db.Cohorts.AsNoTracking().Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == id);
            if (c is null) return NotFound();
            Input = new InputModel
            {
                CourseId = c.CourseId,
                Name = c.Name,
                PartnerIds = c.Partners.Select(p => p.OrganizationId).ToList(),
                MouId = c.MouId,
                IsOnline = c.IsOnline,
                Venue = c.Venue,
                Province = c.Province,
                StartDate = c.StartDate,
                EndDate = c.EndDate,
                Capacity = c.Capacity,
                Instructors = c.Instructors,
                Status = c.Status,
                Version = c.Version,
            };
        }
        else if (courseId is { } cid) Input.CourseId = cid;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await db.Courses.AnyAsync(c => c.Id == Input.CourseId)) ModelState.AddModelError("Input.CourseId", l["Choose a course."]);
        if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", l["The cohort name is required."]);
        if (Input.Capacity < 1) ModelState.AddModelError("Input.Capacity", l["The capacity must be at least 1."]);
        if (Input.StartDate is { } s && Input.EndDate is { } e && e < s) ModelState.AddModelError("Input.EndDate", l["The end date is before the start date."]);
        string? province = null;
        if (!string.IsNullOrWhiteSpace(Input.Province))
        {
            province = ThaiProvinces.Find(Input.Province)?.NameTh;
            if (province is null) ModelState.AddModelError("Input.Province", l["Unknown province."]);
        }
        var partnerIds = Input.PartnerIds.Distinct().ToList();
        if (await db.Organizations.CountAsync(o => partnerIds.Contains(o.Id)) != partnerIds.Count)
            ModelState.AddModelError("Input.PartnerIds", l["Unknown organisation."]);
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }

        var cohort = Id is null ? new Cohort() : await db.Cohorts.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == Id);
        if (cohort is null) return NotFound();
        if (Id is null) db.Cohorts.Add(cohort);
        else db.Entry(cohort).Property(c => c.Version).OriginalValue = Input.Version;
        var capacityGrew = Id is not null && Input.Capacity > cohort.Capacity;
        cohort.CourseId = Input.CourseId;
        cohort.Name = Input.Name!.Trim();
        cohort.MouId = Input.MouId;
        cohort.IsOnline = Input.IsOnline;
        cohort.Venue = Input.Venue?.Trim();
        cohort.Province = province;
        cohort.StartDate = Input.StartDate;
        cohort.EndDate = Input.EndDate;
        cohort.Capacity = Input.Capacity;
        cohort.Instructors = Input.Instructors?.Trim();
        // Completion is fixed by closing the cohort on its page, not by picking the status here.
        if (Input.Status != CohortStatus.Completed || cohort.Status == CohortStatus.Completed) cohort.Status = Input.Status;
        cohort.Partners.RemoveAll(p => !partnerIds.Contains(p.OrganizationId));
        foreach (var pid in partnerIds.Where(pid => cohort.Partners.All(p => p.OrganizationId != pid)))
            cohort.Partners.Add(new CohortPartner { OrganizationId = pid });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Someone else changed this record. Reload it and apply your change again."]);
            await LoadAsync();
            return Page();
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            ModelState.AddModelError("Input.Name", l["This course already has a cohort with this name."]);
            await LoadAsync();
            return Page();
        }
        if (capacityGrew) await commands.FillFromWaitlistAsync(cohort.Id);
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage("/Training/Cohorts/Details", new { id = cohort.Id });
    }

    private async Task LoadAsync()
    {
        Courses = (await db.Courses.AsNoTracking()
                .OrderBy(c => c.TitleTh)
                .Select(c => new { c.Id, c.TitleTh })
                .ToListAsync())
            .Select(c => (c.Id, c.TitleTh))
            .ToList();
        Organizations = (await db.Organizations.AsNoTracking()
                .OrderBy(o => o.NameTh)
                .Select(o => new { o.Id, o.NameTh })
                .ToListAsync())
            .Select(o => (o.Id, o.NameTh))
            .ToList();
    }
}
