using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Who does a change: for the audit trail and the partner's write check.</summary>
public sealed record MouActor(string Name, Guid? UserId, bool IsStaff, long? OrganizationId)
{
    public static MouActor From(ClaimsPrincipal user) => new(
        user.FindFirst(PortalAuth.DisplayNameClaim)?.Value ?? user.Identity?.Name ?? "?", user.UserId(), user.IsStaff(), user.OrganizationId());
    public static readonly MouActor System = new("system", null, true, null);
}

public enum OpStatus { Ok, NotFound, Forbidden, Invalid, Conflict }

public sealed record OpResult(OpStatus Status, long Id = 0, Dictionary<string, string[]>? Errors = null, string? Message = null)
{
    public static OpResult Ok(long id) => new(OpStatus.Ok, id);
    public static readonly OpResult NotFound = new(OpStatus.NotFound);
    public static OpResult Forbidden(string message) => new(OpStatus.Forbidden, Message: message);
    public static OpResult Invalid(Dictionary<string, string[]> errors) => new(OpStatus.Invalid, Errors: errors);
    public static OpResult Conflict(string message) => new(OpStatus.Conflict, Message: message);
}

public sealed record NewAction(long ItemId, string? Title, long ResponsibleOrganizationId, string? ContactName, DateOnly? DueDate);
public sealed record ActionEdit(string? Title, long ResponsibleOrganizationId, string? ContactName, DateOnly? DueDate, ActionStatus Status, uint Version);
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>
/// Every change to an MOU, item or action goes through here, so pages and the API share the rules, the partner
/// checks and the audit trail. Reads go through the scoped DbContext: a partner cannot reach another's records.
/// </summary>
public sealed class MouService(AppDbContext db, TimeProvider clock)
{
    public const string ConflictMessage = "Someone else changed this action meanwhile. Reload it and apply your change again.";
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => Dates.TodayInBangkok(clock);

    public void Audit(long mouId, MouActor actor, string entity, long entityId, string change) =>
        db.MouAuditEntries.Add(new MouAuditEntry
        {
            MouId = mouId, At = Now, UserName = actor.Name, UserId = actor.UserId, Entity = entity, EntityId = entityId,
            Change = change.Length > 4000 ? change[..4000] : change,
        });

    public async Task<Dictionary<string, string[]>> ValidateAsync(MouDraft draft, long? existingId = null)
    {
        var errors = MouRules.Validate(draft);
        var code = draft.Code?.Trim();
        if (!errors.ContainsKey("code") && await db.Mous.IgnoreQueryFilters().AnyAsync(m => m.Code == code && m.Id != existingId))
            errors["code"] = ["Another MOU already has this code."];
        var orgIds = draft.Parties.Select(p => p.OrganizationId).Distinct().ToList();
        if (!errors.ContainsKey("parties") && await db.Organizations.CountAsync(o => orgIds.Contains(o.Id)) != orgIds.Count)
            errors["parties"] = ["A party is not a registered organisation."];
        return errors;
    }

    public async Task<OpResult> CreateAsync(MouDraft draft, MouActor actor)
    {
        var errors = await ValidateAsync(draft);
        if (errors.Count > 0) return OpResult.Invalid(errors);
        var mou = new Mou
        {
            Code = draft.Code!.Trim(), Title = draft.Title!.Trim(), Purpose = draft.Purpose?.Trim(),
            StartDate = draft.StartDate!.Value, EndDate = draft.EndDate!.Value, CreatedAt = Now,
            Parties = draft.Parties.Select((p, i) => new MouParty
            {
                OrganizationId = p.OrganizationId, Role = p.Role, SignatoryName = p.SignatoryName!.Trim(),
                SignatoryPosition = p.SignatoryPosition?.Trim(), Duties = p.Duties?.Trim(), SortOrder = i,
            }).ToList(),
        };
        // The MOU, its parties and its audit entry commit together: a crash or a lost database between the two saves
        // must not leave a record without its trail.
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Mous.Add(mou);
        await db.SaveChangesAsync();
        Audit(mou.Id, actor, "Mou", mou.Id, $"Created draft {mou.Code} “{mou.Title}” with {mou.Parties.Count} parties, term {mou.StartDate:yyyy-MM-dd}–{mou.EndDate:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return OpResult.Ok(mou.Id);
    }

    /// <summary>Edits a draft's details (a signed MOU is not rewritten).</summary>
    public async Task<OpResult> UpdateDraftAsync(long id, MouDraft draft, uint version, MouActor actor)
    {
        var mou = await db.Mous.Include(m => m.Parties).SingleOrDefaultAsync(m => m.Id == id);
        if (mou is null) return OpResult.NotFound;
        if (mou.Status != MouStatus.Draft) throw new RuleViolationException("Only a draft MOU can be edited.");
        var errors = await ValidateAsync(draft, id);
        if (errors.Count > 0) return OpResult.Invalid(errors);
        db.Entry(mou).Property(m => m.Version).OriginalValue = version;
        var changes = new List<string>();
        void Set<T>(string name, T oldV, T newV, Action<T> apply) { if (!Equals(oldV, newV)) { changes.Add($"{name}: “{oldV}” → “{newV}”"); apply(newV); } }
        Set("code", mou.Code, draft.Code!.Trim(), v => mou.Code = v);
        Set("title", mou.Title, draft.Title!.Trim(), v => mou.Title = v);
        Set("purpose", mou.Purpose, draft.Purpose?.Trim(), v => mou.Purpose = v);
        Set("start", mou.StartDate, draft.StartDate!.Value, v => mou.StartDate = v);
        Set("end", mou.EndDate, draft.EndDate!.Value, v => mou.EndDate = v);
        var before = string.Join(", ", mou.Parties.OrderBy(p => p.SortOrder).Select(p => $"{p.OrganizationId}:{p.SignatoryName}"));
        var after = string.Join(", ", draft.Parties.Select(p => $"{p.OrganizationId}:{p.SignatoryName?.Trim()}"));
        if (before != after || mou.Parties.Any(p => draft.Parties.FirstOrDefault(d => d.OrganizationId == p.OrganizationId) is not { } d ||
                d.Role != p.Role || d.SignatoryPosition?.Trim() != p.SignatoryPosition || d.Duties?.Trim() != p.Duties))
        {
            db.MouParties.RemoveRange(mou.Parties.Where(p => draft.Parties.All(d => d.OrganizationId != p.OrganizationId)));
            var i = 0;
            foreach (var d in draft.Parties)
            {
                var p = mou.Parties.FirstOrDefault(x => x.OrganizationId == d.OrganizationId);
                if (p is null) { p = new MouParty { OrganizationId = d.OrganizationId }; mou.Parties.Add(p); }
                p.Role = d.Role; p.SignatoryName = d.SignatoryName!.Trim(); p.SignatoryPosition = d.SignatoryPosition?.Trim();
                p.Duties = d.Duties?.Trim(); p.SortOrder = i++;
            }
            changes.Add($"parties: {before} → {after}");
        }
        if (changes.Count == 0) return OpResult.Ok(id);
        db.Entry(mou).State = EntityState.Modified;
        Audit(id, actor, "Mou", id, string.Join("; ", changes));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return OpResult.Conflict("Someone else changed this MOU meanwhile. Reload it and apply your change again."); }
        return OpResult.Ok(id);
    }

    public async Task<OpResult> TransitionAsync(long id, MouTransition transition, MouActor actor, DateOnly? signingDate = null,
        string? reason = null, string? newCode = null, DateOnly? newStart = null, DateOnly? newEnd = null)
    {
        var mou = await db.Mous.Include(m => m.Parties).SingleOrDefaultAsync(m => m.Id == id);
        if (mou is null) return OpResult.NotFound;
        var from = mou.Status;
        switch (transition)
        {
            case MouTransition.Activate:
                mou.Activate(signingDate ?? Today, Today);
                Audit(id, actor, "Mou", id, $"Status: {from} → {mou.Status} (signed {mou.SigningDate:yyyy-MM-dd})");
                break;
            case MouTransition.Terminate:
                mou.Terminate(reason);
                Audit(id, actor, "Mou", id, $"Status: {from} → {mou.Status}; reason: {mou.TerminationReason}");
                break;
            case MouTransition.Renew:
                var errors = await ValidateAsync(new MouDraft(newCode, mou.Title, mou.Purpose, newStart, newEnd,
                    mou.Parties.Select(p => new PartyDraft(p.OrganizationId, p.Role, p.SignatoryName, p.SignatoryPosition)).ToList()));
                if (errors.Count > 0) return OpResult.Invalid(errors);
                var renewal = mou.Renew(newCode!.Trim(), newStart!.Value, newEnd!.Value);
                renewal.CreatedAt = Now;
                await using (var tx = await db.Database.BeginTransactionAsync())
                {
                    db.Mous.Add(renewal);
                    await db.SaveChangesAsync();
                    Audit(id, actor, "Mou", id, $"Status: {from} → {mou.Status}; renewed by {renewal.Code}");
                    Audit(renewal.Id, actor, "Mou", renewal.Id, $"Created draft {renewal.Code} renewing {mou.Code}");
                    await db.SaveChangesAsync();
                    await tx.CommitAsync();
                }
                return OpResult.Ok(renewal.Id);
        }
        await db.SaveChangesAsync();
        return OpResult.Ok(id);
    }

    public async Task<OpResult> AddItemAsync(long mouId, string? title, string? description, MouActor actor)
    {
        var mou = await db.Mous.AsNoTracking().Where(m => m.Id == mouId).Select(m => new { m.Status, Next = m.Items.Max(i => (int?)i.Number) ?? 0 }).SingleOrDefaultAsync();
        if (mou is null) return OpResult.NotFound;
        if (!Mou.IsOpenForWork(mou.Status)) throw new RuleViolationException("This MOU is closed: items and actions can no longer change.");
        if (string.IsNullOrWhiteSpace(title)) return OpResult.Invalid(new() { ["title"] = ["The title is required."] });
        var item = new MouItem { MouId = mouId, Number = mou.Next + 1, Title = title.Trim(), Description = description?.Trim() };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.MouItems.Add(item);
        await db.SaveChangesAsync();
        Audit(mouId, actor, "Item", item.Id, $"Added item {item.Number}: {item.Title}");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return OpResult.Ok(item.Id);
    }

    public async Task<OpResult> AddActionAsync(long mouId, NewAction input, MouActor actor)
    {
        var mou = await db.Mous.AsNoTracking().Where(m => m.Id == mouId)
            .Select(m => new { m.Status, Parties = m.Parties.Select(p => p.OrganizationId).ToList(), Items = m.Items.Select(i => i.Id).ToList() })
            .SingleOrDefaultAsync();
        if (mou is null) return OpResult.NotFound;
        if (!Mou.IsOpenForWork(mou.Status)) throw new RuleViolationException("This MOU is closed: items and actions can no longer change.");
        var errors = MouRules.ValidateAction(input.Title, input.ResponsibleOrganizationId, mou.Parties);
        if (!mou.Items.Contains(input.ItemId)) errors["itemId"] = ["Choose an item of this MOU."];
        if (errors.Count > 0) return OpResult.Invalid(errors);
        var action = new MouAction
        {
            MouId = mouId, ItemId = input.ItemId, Title = input.Title!.Trim(), ResponsibleOrganizationId = input.ResponsibleOrganizationId,
            ContactName = input.ContactName?.Trim(), DueDate = input.DueDate, CreatedAt = Now,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.MouActions.Add(action);
        await db.SaveChangesAsync();
        Audit(mouId, actor, "Action", action.Id, $"Added action “{action.Title}” (organisation {action.ResponsibleOrganizationId}, due {action.DueDate:yyyy-MM-dd})");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return OpResult.Ok(action.Id);
    }

    /// <summary>Staff edit an action's details; the version the editor saw must still be current (else a conflict).</summary>
    public async Task<OpResult> EditActionAsync(long actionId, ActionEdit input, MouActor actor)
    {
        var action = await db.MouActions.SingleOrDefaultAsync(a => a.Id == actionId);
        if (action is null) return OpResult.NotFound;
        if (!actor.IsStaff) return OpResult.Forbidden("Only foundation staff edit an action's details.");
        var parties = await db.MouParties.Where(p => p.MouId == action.MouId).Select(p => p.OrganizationId).ToListAsync();
        var errors = MouRules.ValidateAction(input.Title, input.ResponsibleOrganizationId, parties);
        if (errors.Count > 0) return OpResult.Invalid(errors);
        if (input.Status != action.Status) MouRules.EnsureStatusChange(action.Status, input.Status);
        db.Entry(action).Property(a => a.Version).OriginalValue = input.Version;
        var changes = new List<string>();
        if (action.Title != input.Title!.Trim()) { changes.Add($"title: “{action.Title}” → “{input.Title.Trim()}”"); action.Title = input.Title.Trim(); }
        if (action.ResponsibleOrganizationId != input.ResponsibleOrganizationId) { changes.Add($"responsible: {action.ResponsibleOrganizationId} → {input.ResponsibleOrganizationId}"); action.ResponsibleOrganizationId = input.ResponsibleOrganizationId; }
        if (action.ContactName != input.ContactName?.Trim()) { changes.Add($"contact: “{action.ContactName}” → “{input.ContactName?.Trim()}”"); action.ContactName = input.ContactName?.Trim(); }
        if (action.DueDate != input.DueDate) { changes.Add($"due: {action.DueDate:yyyy-MM-dd} → {input.DueDate:yyyy-MM-dd}"); action.DueDate = input.DueDate; }
        if (action.Status != input.Status) { changes.Add($"status: {action.Status} → {input.Status}"); action.Status = input.Status; if (input.Status == ActionStatus.Done) action.Percent = 100; }
        if (changes.Count == 0)
        {
            if (action.Version != input.Version) return OpResult.Conflict(ConflictMessage);
            return OpResult.Ok(actionId);
        }
        Audit(action.MouId, actor, "Action", actionId, string.Join("; ", changes));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return OpResult.Conflict(ConflictMessage); }
        return OpResult.Ok(actionId);
    }

    /// <summary>A progress update on an action: staff on any, a partner only on its organisation's actions.</summary>
    /// <summary>Whether the caller's data scope holds the action (the query filters apply).</summary>
    public Task<bool> ActionVisibleAsync(long actionId) => db.MouActions.AnyAsync(a => a.Id == actionId);

    public async Task<OpResult> PostUpdateAsync(long actionId, string? text, int percent, ActionStatus? status, MouActor actor,
        UploadedFile? file = null, uint? expectedVersion = null)
    {
        var action = await db.MouActions.SingleOrDefaultAsync(a => a.Id == actionId);
        if (action is null) return OpResult.NotFound;
        if (!actor.IsStaff && action.ResponsibleOrganizationId != actor.OrganizationId)
            return OpResult.Forbidden("This action is assigned to another organisation.");
        var errors = MouRules.ValidateUpdate(text, percent);
        if (errors.Count > 0) return OpResult.Invalid(errors);
        var mouStatus = await db.Mous.Where(m => m.Id == action.MouId).Select(m => m.Status).SingleAsync();
        if (!Mou.IsOpenForWork(mouStatus)) throw new RuleViolationException("This MOU is closed: items and actions can no longer change.");
        if (expectedVersion is { } v) db.Entry(action).Property(a => a.Version).OriginalValue = v;
        var from = (action.Status, action.Percent);
        var update = action.Post(text!, percent, status, actor.Name, actor.UserId, Now);
        // The attachment, the update and its audit entry commit together (or not at all, e.g. on a conflict).
        await using var tx = await db.Database.BeginTransactionAsync();
        if (file is not null)
        {
            var type = MouRules.CheckAttachment(file.FileName, file.Content);
            var attachment = NewAttachment(action.MouId, file, type, actor);
            db.MouAttachments.Add(attachment);
            await db.SaveChangesAsync();
            update.AttachmentId = attachment.Id;
        }
        db.Entry(action).State = EntityState.Modified;
        Audit(action.MouId, actor, "Action", actionId,
            $"Progress update: {from.Percent}% → {action.Percent}%" + (from.Status != action.Status ? $"; status {from.Status} → {action.Status}" : "") + $"; “{update.Text}”");
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return OpResult.Conflict(ConflictMessage); }
        await tx.CommitAsync();
        return OpResult.Ok(update.Id);
    }

    public async Task<OpResult> AttachAsync(long mouId, UploadedFile file, MouActor actor)
    {
        if (!await db.Mous.AnyAsync(m => m.Id == mouId)) return OpResult.NotFound;
        if (!actor.IsStaff) return OpResult.Forbidden("Only foundation staff attach files to an MOU.");
        var type = MouRules.CheckAttachment(file.FileName, file.Content);
        var attachment = NewAttachment(mouId, file, type, actor);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.MouAttachments.Add(attachment);
        await db.SaveChangesAsync();
        Audit(mouId, actor, "Attachment", attachment.Id, $"Attached {attachment.FileName} ({attachment.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return OpResult.Ok(attachment.Id);
    }

    private MouAttachment NewAttachment(long mouId, UploadedFile file, string type, MouActor actor) => new()
    {
        MouId = mouId, FileName = Path.GetFileName(file.FileName).Trim() is { Length: > 0 } n ? (n.Length > 300 ? n[^300..] : n) : "file",
        ContentType = type, Size = file.Content.Length, Content = file.Content, UploadedAt = Now, UploadedByName = actor.Name,
    };

    /// <summary>Reads an upload within the size limit (one byte over is enough to refuse).</summary>
    public static async Task<UploadedFile?> ReadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) return null;
        if (file.Length > MouRules.MaxAttachmentBytes) throw new RuleViolationException("The file is larger than 5 MB.");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        return new UploadedFile(file.FileName, ms.ToArray());
    }
}
