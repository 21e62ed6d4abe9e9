using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Writes the audit trail of an MOU; the entry is saved with the change it describes.</summary>
public sealed class MouAudit(AppDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public void Record(long mouId, MouActor actor, string entity, long entityId, params AuditPhrase[] phrases)
    {
        if (phrases.Length == 0) return;
        db.MouAuditEntries.Add(MouAuditEntry.Of(mouId, Now, actor.Name, actor.UserId, entity, entityId, phrases));
    }

    /// <summary>Organisation names by id, for phrases that name who is responsible.</summary>
    public async Task<string> OrganizationNameAsync(long id) =>
        await db.Organizations.Where(o => o.Id == id).Select(o => o.ShortName ?? o.NameTh).SingleOrDefaultAsync()
        ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
