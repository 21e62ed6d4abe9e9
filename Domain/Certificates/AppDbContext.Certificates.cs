using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateBatch> CertificateBatches => Set<CertificateBatch>();

    // A participant sees only their own certificates, a partner none; staff see all. (Public verification reads through
    // IgnoreQueryFilters and projects only the public facts.)
    partial void ApplyCertificateFilters(ModelBuilder builder) =>
        builder.Entity<Certificate>().HasQueryFilter(c => ScopeOrganizationId == null && (ScopeTraineeId == null || c.TraineeId == ScopeTraineeId));
}
