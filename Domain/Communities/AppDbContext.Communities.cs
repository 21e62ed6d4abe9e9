using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<CommunityPartner> CommunityPartners => Set<CommunityPartner>();
    public DbSet<CommunityAssessment> CommunityAssessments => Set<CommunityAssessment>();
    public DbSet<Rubric> CommunityRubrics => Set<Rubric>();
    public DbSet<CommunityImport> CommunityImports => Set<CommunityImport>();

    // A partner sees only the communities its organisation works in (and their assessments); staff see all.
    partial void ApplyCommunityFilters(ModelBuilder builder)
    {
        builder.Entity<Community>().HasQueryFilter(c =>
            ScopeOrganizationId == null || c.Partners.Any(p => p.OrganizationId == ScopeOrganizationId));
        builder.Entity<CommunityAssessment>().HasQueryFilter(a =>
            ScopeOrganizationId == null || a.Community!.Partners.Any(p => p.OrganizationId == ScopeOrganizationId));
        // Only staff pages read pending imports; a partner never does.
        builder.Entity<CommunityImport>().HasQueryFilter(i => ScopeOrganizationId == null);
    }
}
