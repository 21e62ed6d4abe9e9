namespace PartnerPrograms.Domain.Certificates;

public enum CertificateStatus { Valid, Revoked, Superseded }
