using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Web.Demo;

/// <summary>What the base seeding made, for the features' contributors.</summary>
public sealed class DemoContext(AppDbContext db, IReadOnlyDictionary<string, Organization> organizations, IReadOnlyDictionary<string, AppUser> users)
{
    public AppDbContext Db { get; } = db;
    /// <summary>By short key: foundation, cdd, gsb, baac, vfund, codi, osmep, msu, cpd.</summary>
    public IReadOnlyDictionary<string, Organization> Organizations { get; } = organizations;
    /// <summary>By e-mail.</summary>
    public IReadOnlyDictionary<string, AppUser> Users { get; } = users;
}
