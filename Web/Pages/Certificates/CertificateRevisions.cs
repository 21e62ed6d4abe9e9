using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>Changes to a certificate once issued: revoke it, or re-issue a corrected copy.</summary>
public sealed class CertificateRevisions(AppDbContext db, CertificateQueries queries, CertificatePdfs pdfs,
    CertificateMails mails, TimeProvider clock)
{
    public async Task<Certificate> RevokeAsync(string code, string reason, CancellationToken ct = default)
    {
        var c = await queries.FindAsync(code, ct);
        c.Revoke(reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>A corrected copy (e.g. the name) with a new code and a new PDF; the old one shows as superseded and
    /// points to it.</summary>
    public async Task<Certificate> ReissueAsync(string code, string holderName, string? holderNameEn,
        CancellationToken ct = default)
    {
        var old = await queries.FindAsync(code, ct);
        var settings = await SettingsStore.LoadAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var english = string.IsNullOrWhiteSpace(holderNameEn) ? null : holderNameEn;
        var fresh = old.ReissueAs(CertificateCode.New(), holderName, english, Dates.TodayInBangkok(clock), now);
        fresh.AttachPdf((await pdfs.PrintAsync([fresh], settings, PdfPool.Requests, ct))[0]);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct); // the old one is superseded first: one valid per enrolment
            db.Certificates.Add(fresh);
            await db.SaveChangesAsync(ct);
            old.ReplacedById = fresh.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        await mails.QueueIssuedMailAsync(fresh, settings, ct);
        return fresh;
    }
}
