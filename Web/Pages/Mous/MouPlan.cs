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
        audit.Record(mouId, actor, "Item", item.Id, $"Added item {item.Number}: {item.Title}");
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
        audit.Record(mouId, actor, "Action", action.Id, $"Added action “{action.Title}” " +
            $"(organisation {action.ResponsibleOrganizationId}, due {action.DueDate:yyyy-MM-dd})");
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
        var changes = new List<string>();
        void Set<T>(string text, T oldV, T newV, Action apply)
        {
            if (Equals(oldV, newV)) return;
            changes.Add(text);
            apply();
        }
        var title = input.Title!.Trim();
        var contact = input.ContactName?.Trim();
        var org = input.ResponsibleOrganizationId;
        Set($"title: “{action.Title}” → “{title}”", action.Title, title, () => action.Title = title);
        Set($"responsible: {action.ResponsibleOrganizationId} → {org}", action.ResponsibleOrganizationId, org,
            () => action.ResponsibleOrganizationId = org);
        Set($"contact: “{action.ContactName}” → “{contact}”", action.ContactName, contact,
            () => action.ContactName = contact);
        Set($"due: {action.DueDate:yyyy-MM-dd} → {input.DueDate:yyyy-MM-dd}", action.DueDate, input.DueDate,
            () => action.DueDate = input.DueDate);
        Set($"status: {action.Status} → {input.Status}", action.Status, input.Status,
            () => action.ChangeStatus(input.Status));
        if (changes.Count == 0)
        {
            if (action.Version != input.Version) throw RuleViolationException.VersionConflict(ConflictMessage);
            return;
        }
        audit.Record(action.MouId, actor, "Action", actionId, string.Join("; ", changes));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { throw RuleViolationException.VersionConflict(ConflictMessage); }
    }
}
