using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>A progress update on an action: staff on any, a partner only on its organisation's actions.</summary>
public sealed class ActionProgress(AppDbContext db, MouAudit audit, MouFiles files)
{
    /// <summary>Posts the update (with an optional file); with <paramref name="expectedVersion"/> the action must not
    /// have changed since the caller read it. Returns the update's id.</summary>
    public async Task<long> PostAsync(long actionId, string? text, int? percent, ActionStatus? status, MouActor actor,
        UploadedFile? file = null, uint? expectedVersion = null)
    {
        // Out of scope is 404 before anything else: a 400 or 403 would confirm that another organisation's action
        // exists.
        var action = await db.MouActions.SingleOrDefaultAsync(a => a.Id == actionId) ?? throw new NotFoundException();
        action.EnsureWritableBy(actor.IsStaff, actor.OrganizationId);
        Mou.EnsureOpenForWork(await db.Mous.Where(m => m.Id == action.MouId).Select(m => m.Status).SingleAsync());
        if (expectedVersion is { } v) db.Entry(action).Property(a => a.Version).OriginalValue = v;
        var from = (action.Status, action.Percent);
        var update = action.Post(text, percent, status, actor.Name, actor.UserId, audit.Now);
        // The attachment, the update and its audit entry commit together (or not at all, e.g. on a conflict).
        await using var tx = await db.Database.BeginTransactionAsync();
        if (file is not null) update.AttachmentId = (await files.AddAsync(action.MouId, file, actor)).Id;
        db.Entry(action).State = EntityState.Modified;
        var phrases = new List<AuditPhrase>
        {
            AuditPhrase.Of("Progress {0}% → {1}%", AuditArg.Number(from.Percent), AuditArg.Number(action.Percent)),
        };
        if (from.Status != action.Status) phrases.Add(MouPlan.StatusChange(from.Status, action.Status));
        phrases.Add(AuditPhrase.Of("Update: “{0}”", AuditArg.Text(update.Text)));
        audit.Record(action.MouId, actor, "Action", actionId, [.. phrases]);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { throw RuleViolationException.VersionConflict(MouPlan.ConflictMessage); }
        await tx.CommitAsync();
        return update.Id;
    }
}
