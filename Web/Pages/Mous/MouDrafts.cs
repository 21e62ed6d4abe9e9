using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Drafting an MOU and editing a draft (staff): the Edit page and POST /api/v1/mous call these.</summary>
public sealed class MouDrafts(AppDbContext db, MouAudit audit)
{
    public const string ConflictMessage =
        "Someone else changed this MOU meanwhile. Reload it and apply your change again.";

    /// <summary>The draft's rules plus what needs the database: a unique code, parties that exist.</summary>
    public async Task ValidateAsync(MouDraft draft, long? existingId = null)
    {
        var errors = MouRules.Validate(draft);
        var code = draft.Code?.Trim();
        if (!errors.ContainsKey("code")
            && await db.Mous.IgnoreQueryFilters().AnyAsync(m => m.Code == code && m.Id != existingId))
            errors["code"] = ["Another MOU already has this code."];
        var orgIds = draft.Parties.Select(p => p.OrganizationId).Distinct().ToList();
        if (!errors.ContainsKey("parties")
            && await db.Organizations.CountAsync(o => orgIds.Contains(o.Id)) != orgIds.Count)
            errors["parties"] = ["A party is not a registered organisation."];
        RuleViolationException.ThrowIfAny(errors);
    }

    public async Task<long> CreateAsync(MouDraft draft, MouActor actor)
    {
        actor.EnsureStaff();
        await ValidateAsync(draft);
        var mou = new Mou
        {
            Code = draft.Code!.Trim(),
            Title = draft.Title!.Trim(),
            Purpose = draft.Purpose?.Trim(),
            StartDate = draft.StartDate!.Value,
            EndDate = draft.EndDate!.Value,
            CreatedAt = audit.Now,
            Parties = draft.Parties.Select((p, i) => new MouParty
            {
                OrganizationId = p.OrganizationId,
                Role = p.Role,
                SignatoryName = p.SignatoryName!.Trim(),
                SignatoryPosition = p.SignatoryPosition?.Trim(),
                Duties = p.Duties?.Trim(),
                SortOrder = i,
            }).ToList(),
        };
        // The MOU, its parties and its audit entry commit together: a crash or a lost database between the two saves
        // must not leave a record without its trail.
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Mous.Add(mou);
        await db.SaveChangesAsync();
        audit.Record(mou.Id, actor, "Mou", mou.Id, AuditPhrase.Of(
            "Created draft {0} “{1}” with {2} parties, term {3} – {4}",
            AuditArg.Text(mou.Code),
            AuditArg.Text(mou.Title),
            AuditArg.Number(mou.Parties.Count),
            AuditArg.Date(mou.StartDate),
            AuditArg.Date(mou.EndDate)));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return mou.Id;
    }

    /// <summary>Edits a draft's details; the version the editor saw must still be current (else a conflict).</summary>
    public async Task UpdateAsync(long id, MouDraft draft, uint version, MouActor actor)
    {
        var mou = await db.Mous.Include(m => m.Parties).SingleOrDefaultAsync(m => m.Id == id)
            ?? throw new NotFoundException();
        actor.EnsureStaff();
        mou.EnsureDraft();
        await ValidateAsync(draft, id);
        db.Entry(mou).Property(m => m.Version).OriginalValue = version;
        var changes = new List<AuditPhrase>();
        void Set(string template, string? oldV, string? newV, Action<string?> apply)
        {
            if (oldV == newV) return;
            changes.Add(AuditPhrase.Of(template, AuditArg.Text(oldV), AuditArg.Text(newV)));
            apply(newV);
        }
        void SetDate(string template, DateOnly oldV, DateOnly newV, Action<DateOnly> apply)
        {
            if (oldV == newV) return;
            changes.Add(AuditPhrase.Of(template, AuditArg.Date(oldV), AuditArg.Date(newV)));
            apply(newV);
        }
        Set("Code: “{0}” → “{1}”", mou.Code, draft.Code!.Trim(), v => mou.Code = v!);
        Set("Title: “{0}” → “{1}”", mou.Title, draft.Title!.Trim(), v => mou.Title = v!);
        Set("Purpose: “{0}” → “{1}”", mou.Purpose, draft.Purpose?.Trim(), v => mou.Purpose = v);
        SetDate("Start: {0} → {1}", mou.StartDate, draft.StartDate!.Value, v => mou.StartDate = v);
        SetDate("End: {0} → {1}", mou.EndDate, draft.EndDate!.Value, v => mou.EndDate = v);
        if (await ReplacePartiesAsync(mou, draft.Parties) is { } partyChange) changes.Add(partyChange);
        if (changes.Count == 0) return;
        db.Entry(mou).State = EntityState.Modified;
        audit.Record(id, actor, "Mou", id, [.. changes]);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { throw RuleViolationException.VersionConflict(ConflictMessage); }
    }

    /// <summary>Brings the parties in line with the draft; returns the audit phrase, or null when nothing
    /// changed.</summary>
    private async Task<AuditPhrase?> ReplacePartiesAsync(Mou mou, IReadOnlyList<PartyDraft> parties)
    {
        var ids = mou.Parties.Select(p => p.OrganizationId).Concat(parties.Select(p => p.OrganizationId)).Distinct()
            .ToList();
        var names = await db.Organizations.Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.ShortName ?? o.NameTh);
        string Party(long org, string? signatory) => $"{names.GetValueOrDefault(org, "#" + org)} ({signatory?.Trim()})";
        var before = string.Join(", ",
            mou.Parties.OrderBy(p => p.SortOrder).Select(p => Party(p.OrganizationId, p.SignatoryName)));
        var after = string.Join(", ", parties.Select(p => Party(p.OrganizationId, p.SignatoryName)));
        var detailsChanged = mou.Parties.Any(p =>
            parties.FirstOrDefault(d => d.OrganizationId == p.OrganizationId) is not { } d
            || d.Role != p.Role
            || d.SignatoryPosition?.Trim() != p.SignatoryPosition
            || d.Duties?.Trim() != p.Duties);
        var sameSignatories = mou.Parties.OrderBy(p => p.SortOrder).Select(p => (p.OrganizationId, (string?)p.SignatoryName))
            .SequenceEqual(parties.Select(p => (p.OrganizationId, p.SignatoryName?.Trim())));
        if (sameSignatories && !detailsChanged) return null;
        db.MouParties.RemoveRange(mou.Parties.Where(p => parties.All(d => d.OrganizationId != p.OrganizationId)));
        var i = 0;
        foreach (var d in parties)
        {
            var p = mou.Parties.FirstOrDefault(x => x.OrganizationId == d.OrganizationId);
            if (p is null) { p = new MouParty { OrganizationId = d.OrganizationId }; mou.Parties.Add(p); }
            p.Role = d.Role;
            p.SignatoryName = d.SignatoryName!.Trim();
            p.SignatoryPosition = d.SignatoryPosition?.Trim();
            p.Duties = d.Duties?.Trim();
            p.SortOrder = i++;
        }
        return AuditPhrase.Of("Parties: {0} → {1}", AuditArg.Text(before), AuditArg.Text(after));
    }
}
