using Npgsql;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Communities;

/// <summary>What pages and the API both do to communities: one place for the writes, so both follow the same rules.</summary>
public sealed class CommunityService(AppDbContext db, TimeProvider clock)
{
    public DateOnly Today => Dates.TodayInBangkok(clock);

    /// <summary>The rubric new assessments are scored with: the highest version (version 1, the default, is created on first use).</summary>
    public async Task<Rubric> CurrentRubricAsync(CancellationToken ct = default)
    {
        var current = await db.CommunityRubrics.OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (current is not null) return current;
        var first = new Rubric { Version = 1, Definition = RubricDefinition.Default(), CreatedBy = "system", ChangeNote = "OTOP Nawatwithi default" };
        db.CommunityRubrics.Add(first);
        try { await db.SaveChangesAsync(ct); return first; }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(first).State = EntityState.Detached; // another request created it at the same moment
            return await db.CommunityRubrics.OrderByDescending(r => r.Version).FirstAsync(ct);
        }
    }

    public async Task<Rubric> SaveRubricVersionAsync(RubricDefinition definition, string? by, string? note, CancellationToken ct = default)
    {
        var current = await CurrentRubricAsync(ct);
        var next = current.NextVersion(definition, by, note, clock.GetUtcNow().UtcDateTime);
        db.CommunityRubrics.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }

    /// <summary>Resolves a sub-district code to its district and province, or null if it is not on the lists.</summary>
    public async Task<(SubDistrict S, District D, Province P)?> PlaceAsync(int subDistrictId, CancellationToken ct = default)
    {
        var found = await (from s in db.SubDistricts
                           join d in db.Districts on s.DistrictId equals d.Id
                           join p in db.Provinces on d.ProvinceId equals p.Id
                           where s.Id == subDistrictId
                           select new { s, d, p }).AsNoTracking().FirstOrDefaultAsync(ct);
        return found is null ? null : (found.s, found.d, found.p);
    }

    public async Task<CommunityAssessment> AssessAsync(Community community, DateOnly assessedOn, IReadOnlyDictionary<string, int> scores,
        string? assessor, string? notes, string? recordedBy, CancellationToken ct = default)
    {
        var rubric = await CurrentRubricAsync(ct);
        var assessment = community.Assess(rubric, assessedOn, scores, assessor, notes, recordedBy, Today, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return assessment;
    }

    public async Task OverrideAsync(Community community, CommunityCategory? category, string? reason, string? by, CancellationToken ct = default)
    {
        community.Override(category, reason, by, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the partner organisations working in a community to exactly these (unknown ids are ignored).</summary>
    public async Task SetPartnersAsync(Community community, IEnumerable<long> organizationIds, CancellationToken ct = default)
    {
        var wanted = organizationIds.Distinct().ToList();
        var known = await db.Organizations.Where(o => wanted.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        community.Partners.RemoveAll(p => !known.Contains(p.OrganizationId));
        foreach (var id in known.Where(id => community.Partners.All(p => p.OrganizationId != id)))
            community.Partners.Add(new CommunityPartner { CommunityId = community.Id, OrganizationId = id });
    }

    public static CommunityCategory? ParseCategory(string? value) =>
        Enum.TryParse<CommunityCategory>(value?.Trim(), ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null;

    /// <summary>Filters shared by the list page and the API. Province is the DOPA code ("50") or the Thai or English name.</summary>
    public IQueryable<Community> Filter(IQueryable<Community> query, CommunityCategory? category, string? province, Region? region, string? q)
    {
        if (category is { } c) query = query.Where(x => x.Category == c);
        if (region is { } r) query = query.Where(x => x.Region == r);
        if (!string.IsNullOrWhiteSpace(province))
        {
            var p = province.Trim();
            query = query.Where(x => db.Provinces.Any(pr => pr.Id == x.ProvinceId && (pr.Code == p || pr.NameTh == p || pr.NameEn.ToLower() == p.ToLower())));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = SearchPattern.Contains(q);
            query = query.Where(x => EF.Functions.ILike(x.Name, pattern, SearchPattern.Escape)
                || EF.Functions.ILike(x.ContactName ?? "", pattern, SearchPattern.Escape));
        }
        return query;
    }

    public static void EnsureFound(object? record)
    {
        if (record is null) throw new NotFoundException();
    }
}
