using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>On the trainee's page: every certificate ever issued to them (with revocations and re-issues) and the participant invitation.</summary>
public sealed class TraineeCertificatesViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Row(long Id, string Code, CertificateStatus Status, string HolderName, string Course, string Cohort, DateOnly IssuedOn,
        DateTime? RevokedAt, string? RevokedReason, string? ReplacesCode);
    public sealed record ViewModel(long TraineeId, string? Email, bool HasAccount, List<Row> Rows);

    public async Task<IViewComponentResult> InvokeAsync(long traineeId)
    {
        var rows = await db.Certificates.AsNoTracking().Where(c => c.TraineeId == traineeId).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.Id, c.Code, c.Status, c.HolderName, c.CourseTitle, c.CohortName, c.IssuedOn, c.RevokedAt, c.RevokedReason,
                db.Certificates.Where(p => p.Id == c.ReplacesId).Select(p => p.Code).FirstOrDefault()))
            .ToListAsync();
        var email = await db.Trainees.Where(t => t.Id == traineeId).Select(t => t.Email).SingleOrDefaultAsync();
        var hasAccount = await db.Users.AnyAsync(u => u.TraineeId == traineeId);
        return View("~/Pages/Certificates/_TraineeCertificates.cshtml", new ViewModel(traineeId, email, hasAccount, rows));
    }
}
