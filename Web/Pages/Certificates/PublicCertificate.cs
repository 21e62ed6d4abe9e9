using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>
/// What anyone may learn about a certificate from its code (no national ID, phone or e-mail). HolderErased: the holder
/// had their personal data erased (PDPA); the certificate stays verifiable, without a name.
/// </summary>
public sealed record PublicCertificate(string Code, CertificateStatus Status, string HolderName, string Course,
    string? CourseEn, string Cohort, DateOnly IssuedOn, DateTime? RevokedAt, string? SupersededBy,
    bool HolderErased = false);
