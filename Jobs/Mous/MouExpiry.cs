using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Jobs.Scheduling;

namespace PartnerPrograms.Jobs.Mous;

/// <summary>Sets active MOUs whose term is over to expired, with an audit entry. Idempotent: a second run finds none.</summary>
public sealed class MouExpiry(AppDbContext db, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), JobsSetup.Bangkok).DateTime);
        var due = await db.Mous.IgnoreQueryFilters().Where(m => m.Status == MouStatus.Active && m.EndDate < today).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var mou in due)
            if (mou.ExpireIfOver(today))
                db.MouAuditEntries.Add(MouAuditEntry.Of(mou.Id, now, "system", null, "Mou", mou.Id,
                [
                    AuditPhrase.Of("Status: {0} → {1}", AuditArg.Key("MouStatus:Active"), AuditArg.Key("MouStatus:Expired")),
                    AuditPhrase.Of("Term ended {0}", AuditArg.Date(mou.EndDate)),
                ]));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return 0; /* someone changed one meanwhile; the next run takes it */ }
        return due.Count;
    }
}
