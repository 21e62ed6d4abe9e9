using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Signing, terminating and renewing an MOU (staff); the entity guards which change its state
/// allows.</summary>
public sealed class MouTransitions(AppDbContext db, MouAudit audit, MouDrafts drafts, TimeProvider clock)
{
    /// <summary>Applies the change; returns the MOU to show next (a renewal's new draft, else the same MOU).</summary>
    public async Task<long> ApplyAsync(long id, TransitionInput input, MouActor actor)
    {
        var mou = await db.Mous.Include(m => m.Parties).SingleOrDefaultAsync(m => m.Id == id)
            ?? throw new NotFoundException();
        actor.EnsureStaff();
        var from = mou.Status;
        var today = Dates.TodayInBangkok(clock);
        switch (input.Transition)
        {
            case MouTransition.Activate:
                mou.Activate(input.SigningDate ?? today, today);
                audit.Record(id, actor, "Mou", id, StatusChange(from, mou.Status),
                    AuditPhrase.Of("Signed on {0}", AuditArg.Date(mou.SigningDate)));
                break;
            case MouTransition.Terminate:
                mou.Terminate(input.Reason);
                audit.Record(id, actor, "Mou", id, StatusChange(from, mou.Status),
                    AuditPhrase.Of("Reason: {0}", AuditArg.Text(mou.TerminationReason)));
                break;
            case MouTransition.Renew:
                return await RenewAsync(mou, input, actor);
        }
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<long> RenewAsync(Mou mou, TransitionInput input, MouActor actor)
    {
        var from = mou.Status;
        await drafts.ValidateAsync(new MouDraft(input.NewCode, mou.Title, mou.Purpose, input.NewStart, input.NewEnd,
            mou.Parties.Select(p => new PartyDraft(p.OrganizationId, p.Role, p.SignatoryName, p.SignatoryPosition))
                .ToList()));
        var renewal = mou.Renew(input.NewCode!.Trim(), input.NewStart!.Value, input.NewEnd!.Value);
        renewal.CreatedAt = audit.Now;
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Mous.Add(renewal);
        await db.SaveChangesAsync();
        audit.Record(mou.Id, actor, "Mou", mou.Id, StatusChange(from, mou.Status),
            AuditPhrase.Of("Renewed by {0}", AuditArg.Text(renewal.Code)));
        audit.Record(renewal.Id, actor, "Mou", renewal.Id,
            AuditPhrase.Of("Created draft {0} renewing {1}", AuditArg.Text(renewal.Code), AuditArg.Text(mou.Code)));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return renewal.Id;
    }

    private static AuditPhrase StatusChange(MouStatus from, MouStatus to) =>
        AuditPhrase.Of("Status: {0} → {1}", AuditArg.Key("MouStatus:" + from), AuditArg.Key("MouStatus:" + to));
}
