using System.Globalization;
using Hangfire;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A cohort's certificates: issue to all who completed (a job with progress), or to one; why others get none; the ZIP.</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class CohortModel(AppDbContext db, CertificateIssuer issuer, CertificateQueries queries, ParticipantInvitations invitations,
    IBackgroundJobClient jobs, TimeProvider clock, IStringLocalizer l) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public List<Signatory> Signers { get; set; } = [];
    public string CourseTitle { get; private set; } = "";
    public string CohortName { get; private set; } = "";
    public CohortStatus Status { get; private set; }
    public CertificateBatch? LastBatch { get; private set; }
    public List<Line> Lines { get; private set; } = [];
    public int EligibleCount { get; private set; }
    public bool Working => LastBatch is { Status: CertificateBatchStatus.Queued or CertificateBatchStatus.Running };

    public sealed record Line(
        long EnrollmentId,
        long TraineeId,
        string Name,
        bool Completed,
        string Reason,
        string? Code,
        CertificateStatus? CertificateStatus,
        bool Eligible);

    public async Task<IActionResult> OnGetAsync()
    {
        var cohort = await db.Cohorts.AsNoTracking().Where(c => c.Id == Id)
            .Select(c => new
            {
                c.Name,
                Course = c.Course.TitleTh,
                c.Status,
                c.Course.MinAttendancePercent,
                c.Course.PassMark,
                Sessions = c.Sessions.Count(),
            })
            .SingleOrDefaultAsync();
        if (cohort is null) return NotFound();
        (CourseTitle, CohortName, Status) = (cohort.Course, cohort.Name, cohort.Status);
        LastBatch = await db.CertificateBatches.AsNoTracking().Where(b => b.CohortId == Id).OrderByDescending(b => b.Id)
            .Select(b => new CertificateBatch
            {
                Id = b.Id,
                CohortId = b.CohortId,
                Status = b.Status,
                Total = b.Total,
                Done = b.Done,
                Error = b.Error,
                CreatedAt = b.CreatedAt,
                FinishedAt = b.FinishedAt,
                Zip = b.Zip == null ? null : Array.Empty<byte>()
            })
            .FirstOrDefaultAsync();
        var rule = new CompletionRule(cohort.MinAttendancePercent, cohort.PassMark);
        var eligible = (await queries.Eligible(Id).Select(e => e.Id).ToListAsync()).ToHashSet();
        EligibleCount = cohort.Status == CohortStatus.Completed ? eligible.Count : 0;
        var certs = await db.Certificates.AsNoTracking().Where(c => c.CohortId == Id && c.Status != CertificateStatus.Superseded)
            .Select(c => new { c.EnrollmentId, c.Code, c.Status, c.Id }).ToListAsync();
        Lines = (await db.RosterAsync(Id)).Where(r => r.Status == EnrollmentStatus.Enrolled).Select(r =>
        {
            var result = r.Completion(rule, cohort.Sessions);
            var cert = certs.Where(c => c.EnrollmentId == r.EnrollmentId).OrderByDescending(c => c.Id).FirstOrDefault();
            var completed = cohort.Status == CohortStatus.Completed ? r.FixedCompleted == true : result.Completed;
            return new Line(r.EnrollmentId, r.TraineeId, r.Name, completed,
                l[result.ReasonKey, result.ReasonArgs(rule)].Value, cert?.Code, cert?.Status,
                cohort.Status == CohortStatus.Completed && eligible.Contains(r.EnrollmentId));
        }).ToList();
        Signers = await queries.DefaultSignatoriesAsync(Id);
        while (Signers.Count < 3) Signers.Add(new Signatory("", ""));
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAllAsync()
    {
        var (batch, started) = await IssueCertificatesJob.StartAsync(issuer, jobs, clock, Id, Signers);
        TempData["Flash"] = started
            ? l["Issuing {0} certificates: the progress shows below.", batch.Total].Value
            : l["These certificates are already being issued: the progress shows below."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostIssueOneAsync(long enrollmentId)
    {
        if (!await db.Enrollments.AnyAsync(e => e.Id == enrollmentId && e.CohortId == Id)) return NotFound();
        var c = await issuer.IssueOneAsync(enrollmentId, Signers);
        TempData["Flash"] = l["Certificate {0} issued to {1}.", c.Code, c.HolderName].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostInviteAllAsync()
    {
        var inviter = User.DisplayName();
        var counts = await invitations.InviteCohortAsync(Id, inviter);
        TempData["Flash"] = l["Invitations sent: {0}. Already with an account: {1}. Without an e-mail: {2}.",
            counts.GetValueOrDefault(InvitationOutcome.Invited), counts.GetValueOrDefault(InvitationOutcome.AlreadyHasAccount),
            counts.GetValueOrDefault(InvitationOutcome.NoEmail) + counts.GetValueOrDefault(InvitationOutcome.EmailTaken)].Value;
        return RedirectToPage(new { id = Id });
    }

    public string Progress => LastBatch is { Total: > 0 } b ? (b.Done * 100 / b.Total).ToString(CultureInfo.InvariantCulture) : "100";
}
