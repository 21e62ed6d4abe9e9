using System.Security.Cryptography;

namespace PartnerPrograms.Domain.Certificates;

/// <summary>
/// A certificate as issued: a frozen snapshot (holder's name as printed, course and cohort titles, dates, hours,
/// signatories) and the PDF produced once at issue with its SHA-256. Later edits of the trainee or course never change
/// it; a correction is a re-issue that supersedes it.
/// </summary>
public class Certificate
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public long TraineeId { get; set; }
    public long CohortId { get; set; }
    public long? EnrollmentId { get; set; }
    public string HolderName { get; set; } = "";
    public string? HolderNameEn { get; set; }
    public string CourseTitle { get; set; } = "";
    public string? CourseTitleEn { get; set; }
    public string CohortName { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public decimal Hours { get; set; }
    public DateOnly IssuedOn { get; set; }
    public List<Signatory> Signatories { get; set; } = [];
    public CertificateStatus Status { get; set; } = CertificateStatus.Valid;
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public long? ReplacesId { get; set; }
    public long? ReplacedById { get; set; }
    public byte[]? Pdf { get; set; }
    public string? PdfSha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public uint Version { get; set; }

    public void AttachPdf(byte[] pdf)
    {
        if (Pdf is not null) throw new RuleViolationException("A certificate's PDF is produced once; re-issue to change it.");
        Pdf = pdf;
        PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
    }

    public void Revoke(string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolationException("A reason is required to revoke a certificate.");
        if (Status != CertificateStatus.Valid) throw new RuleViolationException("Only a valid certificate can be revoked.");
        Status = CertificateStatus.Revoked;
        RevokedAt = now;
        RevokedReason = reason.Trim();
    }

    /// <summary>A corrected copy (new code, new PDF to come) that replaces this one; this one shows as superseded.</summary>
    public Certificate ReissueAs(string newCode, string holderName, string? holderNameEn, DateOnly issuedOn, DateTime now)
    {
        if (Status == CertificateStatus.Superseded) throw new RuleViolationException("This certificate has already been replaced.");
        if (string.IsNullOrWhiteSpace(holderName)) throw new RuleViolationException("The holder's name is required.");
        Status = CertificateStatus.Superseded;
        return new Certificate
        {
            Code = newCode,
            TraineeId = TraineeId,
            CohortId = CohortId,
            EnrollmentId = EnrollmentId,
            HolderName = holderName.Trim(),
            HolderNameEn = holderNameEn?.Trim(),
            CourseTitle = CourseTitle,
            CourseTitleEn = CourseTitleEn,
            CohortName = CohortName,
            StartDate = StartDate,
            EndDate = EndDate,
            Hours = Hours,
            IssuedOn = issuedOn,
            Signatories = [.. Signatories],
            ReplacesId = Id,
            CreatedAt = now,
        };
    }
}
