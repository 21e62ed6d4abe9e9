namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A participant's own certificates (the query filter shows nobody else's), each downloadable.</summary>
[Authorize]
public class MyModel(AppDbContext db) : PageModel
{
    public List<CertificatesFeature.MyCertificate> Certificates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (User.TraineeId() is not { } traineeId) return;
        Certificates = await db.Certificates.AsNoTracking().Where(c => c.TraineeId == traineeId).OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .Select(c => new CertificatesFeature.MyCertificate(
                c.Id, c.Code, c.Status, c.HolderName, c.CourseTitle, c.CohortName, c.IssuedOn,
                "/api/v1/certificates/" + c.Code + "/pdf"))
            .ToListAsync();
    }
}
