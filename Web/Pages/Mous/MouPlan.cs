using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>The plan of an MOU — its items and their actions — as staff write it, on the Details and Action pages
/// and over the API.</summary>
public sealed class MouPlan(AppDbContext db, MouAudit audit)
{
    public const string ConflictMessage =
        "Someone else changed this action meanwhile. Reload it and apply your change again.";

    public async Task<long> AddItemAsync(long mouId, string? title, string? description, MouActor actor)
    {
        var mou = await db.Mous.AsNoTracking().Where(m => m.Id == mouId)
            .Select(m => new { m.Status, Next = m.Items.Max(i => (int?)i.Number) ?? 0 }).SingleOrDefaultAsync()
            ?? throw new NotFoundException();
        actor.EnsureStaff();
        Mou.EnsureOpenForWork(mou.Status);
        if (string.IsNullOrWhiteSpace(title)) throw new RuleViolationException("The title is required.", "title");
        var item = new MouItem
        {
            MouId = mouId,
            Number = mou.Next + 1,
            Title = title.Trim(),
            Description = description?.Trim(),
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.MouItems.Add(item);
        await db.SaveChangesAsync();
        audit.Record(mouId, actor, "Item", item.Id,
            AuditPhrase.Of("Added item {0}: {1}", AuditArg.Number(item.Number), AuditArg.Text(item.Title)));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return item.Id;
    }

    public async Task<long> AddActionAsync(long mouId, NewAction input, MouActor actor)
    {
        var mou = await db.Mous.AsNoTracking().Where(m => m.Id == mouId)
            .Select(m => new
            {
                m.Status,
                Parties = m.Parties.Select(p => p.OrganizationId).ToList(),
                Items = m.Items.Select(i => i.Id).ToList(),
            })
            .SingleOrDefaultAsync() ?? throw new NotFoundException();
        actor.EnsureStaff();
        Mou.EnsureOpenForWork(mou.Status);
        var errors = MouRules.ValidateAction(input.Title, input.ResponsibleOrganizationId, mou.Parties);
        if (!mou.Items.Contains(input.ItemId)) errors["itemId"] = ["Choose an item of this MOU."];
        RuleViolationException.ThrowIfAny(errors);
        var action = new MouAction
        {
            MouId = mouId,
            ItemId = input.ItemId,
            Title = input.Title!.Trim(),
            ResponsibleOrganizationId = input.ResponsibleOrganizationId,
            ContactName = input.ContactName?.Trim(),
            DueDate = input.DueDate,
            CreatedAt = audit.Now,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.MouActions.Add(action);
        await db.SaveChangesAsync();
        audit.Record(mouId, actor, "Action", action.Id, AuditPhrase.Of(
            "Added action “{0}”, responsible: {1}, due {2}",
            AuditArg.Text(action.Title),
            AuditArg.Text(await audit.OrganizationNameAsync(action.ResponsibleOrganizationId)),
            AuditArg.Date(action.DueDate)));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return action.Id;
    }

    /// <summary>Staff edit an action's details; the version the editor saw must still be current (else a
    /// conflict).</summary>
    public async Task EditActionAsync(long actionId, ActionEdit input, MouActor actor)
    {
        var action = await db.MouActions.SingleOrDefaultAsync(a => a.Id == actionId) ?? throw new NotFoundException();
        actor.EnsureStaff("Only foundation staff edit an action's details.");
        var parties = await db.MouParties.Where(p => p.MouId == action.MouId).Select(p => p.OrganizationId)
            .ToListAsync();
        RuleViolationException.ThrowIfAny(
            MouRules.ValidateAction(input.Title, input.ResponsibleOrganizationId, parties));
        db.Entry(action).Property(a => a.Version).OriginalValue = input.Version;
        var changes = new List<AuditPhrase>();
        var title = input.Title!.Trim();
        var contact = input.ContactName?.Trim();
        var org = input.ResponsibleOrganizationId;
        if (action.Title != title)
            changes.Add(AuditPhrase.Of("Title: “{0}” → “{1}”", AuditArg.Text(action.Title), AuditArg.Text(title)));
        if (action.ResponsibleOrganizationId != org)
        {
            changes.Add(AuditPhrase.Of("Responsible: {0} → {1}",
                AuditArg.Text(await audit.OrganizationNameAsync(action.ResponsibleOrganizationId)),
                AuditArg.Text(await audit.OrganizationNameAsync(org))));
        }
        if (action.ContactName != contact)
            changes.Add(AuditPhrase.Of("Contact: “{0}” → “{1}”", AuditArg.Text(action.ContactName), AuditArg.Text(contact)));
        if (action.DueDate != input.DueDate)
            changes.Add(AuditPhrase.Of("Due: {0} → {1}", AuditArg.Date(action.DueDate), AuditArg.Date(input.DueDate)));
        if (action.Status != input.Status) changes.Add(StatusChange(action.Status, input.Status));
        (action.Title, action.ResponsibleOrganizationId, action.ContactName, action.DueDate) =
            (title, org, contact, input.DueDate);
        if (action.Status != input.Status) action.ChangeStatus(input.Status);
        if (changes.Count == 0)
        {
            if (action.Version != input.Version) throw RuleViolationException.VersionConflict(ConflictMessage);
            return;
        }
        audit.Record(action.MouId, actor, "Action", actionId, [.. changes]);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { throw RuleViolationException.VersionConflict(ConflictMessage); }
    }

    public static AuditPhrase StatusChange(ActionStatus from, ActionStatus to) =>
        AuditPhrase.Of("Status: {0} → {1}", AuditArg.Key("ActionStatus:" + from), AuditArg.Key("ActionStatus:" + to));
}
