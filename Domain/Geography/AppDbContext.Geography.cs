using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<SubDistrict> SubDistricts => Set<SubDistrict>();
}
