namespace PartnerPrograms.Web.Pages.Reports;

public sealed record RegionFigures(string Region, CategoryCounts Communities, int TraineesRegistered, int TraineesCompleted, int CertificatesIssued);
