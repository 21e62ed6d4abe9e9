using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>The certificate questions the pages, the API and the issuing code all ask, answered one way.</summary>
public sealed class CertificateQueries(AppDbContext db)
{
    /// <summary>Completed enrolments of a closed cohort that have no certificate yet (a revoked one is not replaced
    /// by a bulk issue).</summary>
    public IQueryable<Enrollment> Eligible(long cohortId) =>
        db.Enrollments.Where(e => e.CohortId == cohortId && e.Status == EnrollmentStatus.Enrolled &&
                                  e.Completed == true &&
                                  !db.Trainees.Any(t => t.Id == e.TraineeId && t.ErasedAt != null) &&
                                  !db.Certificates.Any(c => c.EnrollmentId == e.Id &&
                                      (c.Status == CertificateStatus.Valid || c.Status == CertificateStatus.Revoked)));

    /// <summary>Signatories for a new issue: the cohort's last batch's, else the last certificate's.</summary>
    public async Task<List<Signatory>> DefaultSignatoriesAsync(long cohortId, CancellationToken ct = default)
    {
        var fromBatch = await db.CertificateBatches.AsNoTracking().Where(b => b.CohortId == cohortId)
            .OrderByDescending(b => b.Id).Select(b => b.Signatories).FirstOrDefaultAsync(ct);
        if (fromBatch is { Count: > 0 }) return fromBatch;
        return await db.Certificates.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Signatories)
            .FirstOrDefaultAsync(ct) ?? [];
    }

    /// <summary>The certificate with this code (however written), tracked for a change; NotFound otherwise.</summary>
    public async Task<Certificate> FindAsync(string code, CancellationToken ct = default)
    {
        var normalized = CertificateCode.Normalize(code) ?? throw new NotFoundException("Certificate not found");
        return await db.Certificates.SingleOrDefaultAsync(c => c.Code == normalized, ct)
               ?? throw new NotFoundException("Certificate not found");
    }

    /// <summary>The public facts of a certificate, past the participant filter; null for an unknown code.</summary>
    public async Task<PublicCertificate?> VerifyAsync(string? code, CancellationToken ct = default)
    {
        var normalized = CertificateCode.Normalize(code);
        if (normalized is null) return null;
        return await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == normalized)
            .Select(c => new PublicCertificate(c.Code, c.Status, c.HolderName, c.CourseTitle, c.CourseTitleEn,
                c.CohortName, c.IssuedOn, c.RevokedAt,
                db.Certificates.IgnoreQueryFilters().Where(n => n.Id == c.ReplacedById).Select(n => n.Code)
                    .FirstOrDefault(),
                db.Trainees.IgnoreQueryFilters().Any(t => t.Id == c.TraineeId && t.ErasedAt != null)))
            .SingleOrDefaultAsync(ct);
    }
}
