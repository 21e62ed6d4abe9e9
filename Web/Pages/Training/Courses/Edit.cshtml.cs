using System.ComponentModel.DataAnnotations;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training.Courses;

[Authorize(Policy = PortalAuth.StaffPolicy)]
public class EditModel(AppDbContext db, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? TitleTh { get; set; }
        public string? TitleEn { get; set; }
        public string? Description { get; set; }
        public string? Syllabus { get; set; }
        public decimal Hours { get; set; }
        [Range(0, 100)] public int MinAttendancePercent { get; set; } = 80;
        [Range(typeof(decimal), "0", "100")] public decimal? PassMark { get; set; }
        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null) return Page();
        var c = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id);
        if (c is null) return NotFound();
        Input = new InputModel
        {
            TitleTh = c.TitleTh,
            TitleEn = c.TitleEn,
            Description = c.Description,
            Syllabus = c.Syllabus,
            Hours = c.Hours,
            MinAttendancePercent = c.MinAttendancePercent,
            PassMark = c.PassMark,
            Version = c.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.TitleTh)) ModelState.AddModelError("Input.TitleTh", l["The Thai title is required."]);
        if (Input.Hours < 0) ModelState.AddModelError("Input.Hours", l["Hours cannot be negative."]);
        if (!ModelState.IsValid) return Page();
        var course = Id is null ? new Course() : await db.Courses.SingleOrDefaultAsync(c => c.Id == Id);
        if (course is null) return NotFound();
        if (Id is null) db.Courses.Add(course);
        else db.Entry(course).Property(c => c.Version).OriginalValue = Input.Version;
        course.TitleTh = Input.TitleTh!.Trim();
        course.TitleEn = Input.TitleEn?.Trim();
        course.Description = Input.Description?.Trim();
        course.Syllabus = Input.Syllabus?.Trim();
        course.Hours = Input.Hours;
        course.MinAttendancePercent = Input.MinAttendancePercent;
        course.PassMark = Input.PassMark;
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["Someone else changed this record. Reload it and apply your change again."]);
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            ModelState.AddModelError("Input.TitleTh", l["A course with this title already exists."]);
            return Page();
        }
        TempData["Flash"] = l["Saved."].Value;
        return RedirectToPage("/Training/Courses/Index");
    }
}
