namespace PartnerPrograms.Domain.Certificates;

/// <summary>
/// One "issue certificates for this cohort" action: its progress (done of total) shown on the page while the job runs,
/// and the ZIP of every valid certificate of the cohort the job builds at the end.
/// </summary>
public class CertificateBatch
{
    public long Id { get; set; }
    public long CohortId { get; set; }
    public CertificateBatchStatus Status { get; set; } = CertificateBatchStatus.Queued;
    public int Total { get; set; }
    public int Done { get; set; }
    public string? Error { get; set; }
    /// <summary>Signatories printed on the certificates this batch issues.</summary>
    public List<Signatory> Signatories { get; set; } = [];
    public byte[]? Zip { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
