using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Demo;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>Certificates for the demo's closed cohorts (so participant@demo.local has one); issues only what is missing.</summary>
public sealed class CertificateDemo(CertificateIssuer issuer, CertificateQueries queries) : IDemoContributor
{
    public int Order => 40;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var closed = await demo.Db.Cohorts.AsNoTracking().Where(c => c.Status == CohortStatus.Completed).Select(c => c.Id).ToListAsync(ct);
        Signatory[] signers = [new("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ"), new("นางสาวกานดา มีสุข", "ผู้อำนวยการสำนักงาน")];
        foreach (var id in closed)
            if (await queries.Eligible(id).AnyAsync(ct)) await issuer.IssueForCohortAsync(id, signers, ct: ct);
    }
}
