using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Domain.Database;

public partial class AppDbContext
{
    public DbSet<PersonalDataAuditEntry> PersonalDataAudit => Set<PersonalDataAuditEntry>();
}
