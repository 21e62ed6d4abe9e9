using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Writes the audit trail of an MOU; the entry is saved with the change it describes.</summary>
public sealed class MouAudit(AppDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public void Record(long mouId, MouActor actor, string entity, long entityId, string change) =>
        db.MouAuditEntries.Add(new MouAuditEntry
        {
            MouId = mouId,
            At = Now,
            UserName = actor.Name,
            UserId = actor.UserId,
            Entity = entity,
            EntityId = entityId,
            Change = change.Length > 4000 ? change[..4000] : change,
        });
}
