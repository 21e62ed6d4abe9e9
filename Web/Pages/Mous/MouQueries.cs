using System.Linq.Expressions;
using PartnerPrograms.Domain.Mous;


namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>The reads of the MOU pages and API: projections, one round trip each, under the caller's scope.</summary>
public static class MouQueries
{
    public static Task<MouDetail?> DetailAsync(AppDbContext db, long id)
    {
        var toActionView = ToActionView(db);
        return db.Mous.AsNoTracking().Where(m => m.Id == id).Select(m => new MouDetail(m.Id, m.Code, m.Title, m.Purpose, m.Status, m.SigningDate,
            m.StartDate, m.EndDate, m.TerminationReason, m.RenewsMouId,
            db.Mous.Where(r => r.Id == m.RenewsMouId).Select(r => r.Code).FirstOrDefault(), m.Version,
            m.Parties.OrderBy(p => p.SortOrder).Select(p => new PartyView(p.OrganizationId,
                db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.NameTh).First(),
                db.Organizations.Where(o => o.Id == p.OrganizationId).Select(o => o.ShortName).First(),
                p.Role, p.SignatoryName, p.SignatoryPosition, p.Duties)).ToList(),
            m.Items.OrderBy(i => i.Number).Select(i => new ItemView(i.Id, i.Number, i.Title, i.Description,
                i.Actions.AsQueryable().OrderBy(a => a.Id).Select(toActionView).ToList()))
                .ToList()))
            .SingleOrDefaultAsync();
    }

    /// <summary>One action with its updates, as the Action page shows it (the same projection as in the MOU's detail).</summary>
    public static Task<ActionView?> ActionAsync(AppDbContext db, long actionId) =>
        db.MouActions.AsNoTracking().Where(a => a.Id == actionId).Select(ToActionView(db)).SingleOrDefaultAsync();

    /// <summary>The action projection, newest update first; EF Core inlines it into each query that uses it.</summary>
    private static Expression<Func<MouAction, ActionView>> ToActionView(AppDbContext db) =>
        a => new ActionView(a.Id, a.ItemId, a.Title, a.ResponsibleOrganizationId,
            db.Organizations.Where(o => o.Id == a.ResponsibleOrganizationId).Select(o => o.ShortName ?? o.NameTh).First(),
            a.ContactName, a.DueDate, a.Status, a.Percent, a.Version,
            a.Updates.OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id)
                .Select(u => new UpdateView(u.Id, u.Text, u.Percent, u.Status, u.PostedAt, u.PostedByName, u.AttachmentId)).ToList());

    public static IQueryable<Mou> Filter(AppDbContext db, MouFilter f)
    {
        var q = db.Mous.AsNoTracking();
        if (f.Status is { } s) q = q.Where(m => m.Status == s);
        if (f.PartnerId is { } p) q = q.Where(m => m.Parties.Any(x => x.OrganizationId == p));
        if (f.Year is { } y)
        {
            // The year as the user typed it: Buddhist era (2563) or Gregorian (2020); an MOU matches if its term covers it.
            // Out of range (0, 99999) filters nothing: the page and the API have already said so to the user.
            if (QueryLimits.GregorianYear(y) is not { } g) return q.Where(_ => false);
            var from = new DateOnly(g, 1, 1);
            var to = new DateOnly(g, 12, 31);
            q = q.Where(m => m.StartDate <= to && m.EndDate >= from);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var pattern = SearchPattern.Contains(f.Q);
            q = q.Where(m => EF.Functions.ILike(m.Code, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(m.Title, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(m.Purpose!, pattern, SearchPattern.Escape)
                || db.MouItems.Any(i => i.MouId == m.Id && EF.Functions.ILike(i.Title, pattern, SearchPattern.Escape))
                || m.Parties.Any(p => db.Organizations.Any(o => o.Id == p.OrganizationId
                    && (EF.Functions.ILike(o.NameTh, pattern, SearchPattern.Escape)
                        || EF.Functions.ILike(o.ShortName!, pattern, SearchPattern.Escape)))));
        }
        return q;
    }

    /// <summary>
    /// One page of MOUs and the number of all that match, in one round trip: the total is an uncorrelated subquery,
    /// which PostgreSQL evaluates once for the page (an InitPlan). Only a page past the end needs a second query.
    /// </summary>
    public static async Task<(List<MouRow> Rows, int Total, long? FigureVersion)> PageAsync(
        AppDbContext db,
        IQueryable<Mou> q,
        DateOnly today,
        int page,
        int pageSize)
    {
        var open = OpenActions.Filter;
        var rows = await q.OrderByDescending(m => m.StartDate)
            .ThenByDescending(m => m.Id)
            .Skip(QueryLimits.Offset(page, pageSize))
            .Take(pageSize)
            .Select(m => new
            {
                Row = new MouRow(m.Id, m.Code, m.Title, m.Status, m.SigningDate, m.StartDate, m.EndDate,
                    m.Parties.OrderBy(p => p.SortOrder)
                        .Select(p => db.Organizations
                            .Where(o => o.Id == p.OrganizationId)
                            .Select(o => o.ShortName ?? o.NameTh)
                            .First())
                        .ToList(),
                    db.MouActions.Count(a => a.MouId == m.Id),
                    db.MouActions.Where(open).Count(a => a.MouId == m.Id && a.DueDate < today)),
                Total = q.Count(),
                // Also once per statement: the figure cache's version, so the list's cached panels need no query of their own.
                Version = AppDbContext.FigureDataVersion(),
            })
            .ToListAsync();
        if (rows.Count > 0) return (rows.Select(r => r.Row).ToList(), rows[0].Total, rows[0].Version);
        return ([], page == 1 ? 0 : await q.CountAsync(), null);
    }

    /// <summary>The actions assigned to an organisation, overdue first, then by due date.</summary>
    public static Task<List<MyActionRow>> ActionsOfAsync(AppDbContext db, long organizationId, DateOnly today) =>
        db.MouActions.AsNoTracking().Where(a => a.ResponsibleOrganizationId == organizationId)
            .Join(db.Mous, a => a.MouId, m => m.Id, (a, m) => new { a, m })
            .OrderBy(x => x.a.Status == ActionStatus.Done || x.a.Status == ActionStatus.Cancelled ? 2 : x.a.DueDate < today ? 0 : 1)
            .ThenBy(x => x.a.DueDate == null).ThenBy(x => x.a.DueDate).ThenBy(x => x.a.Id)
            .Take(200)
            .Select(x => new MyActionRow(x.a.Id, x.m.Id, x.m.Code, x.m.Title, x.a.Title, x.a.DueDate, x.a.Status, x.a.Percent))
            .ToListAsync();

    /// <summary>Open, overdue and due-soon actions per responsible organisation (of the MOUs in force or draft).</summary>
    public static async Task<List<PartnerLoad>> LoadPerPartnerAsync(AppDbContext db, DateOnly today)
    {
        var soon = today.AddDays(MouRules.DueSoonDays);
        var counts = await db.MouActions.AsNoTracking()
            .WhereOpen()
            .GroupBy(a => a.ResponsibleOrganizationId)
            .Select(g => new
            {
                OrganizationId = g.Key,
                Open = g.Count(),
                Overdue = g.Count(a => a.DueDate < today),
                DueSoon = g.Count(a => a.DueDate >= today && a.DueDate <= soon),
            })
            .ToListAsync();
        var ids = counts.Select(c => c.OrganizationId).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.ShortName ?? o.NameTh);
        return counts.Select(c => new PartnerLoad(c.OrganizationId, names.GetValueOrDefault(c.OrganizationId, "?"), c.Open, c.Overdue, c.DueSoon))
            .OrderByDescending(p => p.Overdue).ThenByDescending(p => p.DueSoon).ThenBy(p => p.Name, ThaiCollation.Comparer).ToList();
    }

    public static Task<List<AttachmentView>> AttachmentsAsync(AppDbContext db, long mouId) =>
        db.MouAttachments.AsNoTracking().Where(a => a.MouId == mouId).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedByName)).ToListAsync();

    public static Task<List<AuditView>> AuditAsync(AppDbContext db, long mouId) =>
        db.MouAuditEntries.AsNoTracking().Where(a => a.MouId == mouId).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(500)
            .Select(a => new AuditView(a.At, a.UserName, a.Entity, a.EntityId, a.Change, a.Phrases)).ToListAsync();
}
