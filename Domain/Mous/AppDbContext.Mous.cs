using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<Mou> Mous => Set<Mou>();
    public DbSet<MouParty> MouParties => Set<MouParty>();
    public DbSet<MouItem> MouItems => Set<MouItem>();
    public DbSet<MouAction> MouActions => Set<MouAction>();
    public DbSet<ActionUpdate> ActionUpdates => Set<ActionUpdate>();
    public DbSet<MouAttachment> MouAttachments => Set<MouAttachment>();
    public DbSet<MouAuditEntry> MouAuditEntries => Set<MouAuditEntry>();

    /// <summary>
    /// A partner sees only the MOUs its organisation is party to, and only their items, actions, updates, files and
    /// audit. Parties are reached through their MOU (never queried alone for a partner).
    /// </summary>
    partial void ApplyMouFilters(ModelBuilder builder)
    {
        builder.Entity<Mou>().HasQueryFilter(m => ScopeOrganizationId == null || m.Parties.Any(p => p.OrganizationId == ScopeOrganizationId));
        builder.Entity<MouItem>().HasQueryFilter(x => ScopeOrganizationId == null ||
            Set<MouParty>().Any(p => p.MouId == x.MouId && p.OrganizationId == ScopeOrganizationId));
        builder.Entity<MouAction>().HasQueryFilter(x => ScopeOrganizationId == null ||
            Set<MouParty>().Any(p => p.MouId == x.MouId && p.OrganizationId == ScopeOrganizationId));
        builder.Entity<ActionUpdate>().HasQueryFilter(x => ScopeOrganizationId == null ||
            Set<MouParty>().Any(p => p.MouId == x.MouId && p.OrganizationId == ScopeOrganizationId));
        builder.Entity<MouAttachment>().HasQueryFilter(x => ScopeOrganizationId == null ||
            Set<MouParty>().Any(p => p.MouId == x.MouId && p.OrganizationId == ScopeOrganizationId));
        builder.Entity<MouAuditEntry>().HasQueryFilter(x => ScopeOrganizationId == null ||
            Set<MouParty>().Any(p => p.MouId == x.MouId && p.OrganizationId == ScopeOrganizationId));
    }
}
