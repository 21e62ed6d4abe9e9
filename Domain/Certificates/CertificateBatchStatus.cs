namespace PartnerPrograms.Domain.Certificates;

public enum CertificateBatchStatus { Queued, Running, Done, Failed }
