using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>The cohorts a trainee can be registered in, for the pickers of the trainee and import pages.</summary>
public static class CohortChoices
{
    public static async Task<List<(long Id, string Name)>> LoadAsync(AppDbContext db, IReadOnlyCollection<long>? except = null)
    {
        var cohorts = db.Cohorts.AsNoTracking().WhereAcceptsEnrollments();
        if (except is { Count: > 0 }) cohorts = cohorts.Where(c => !except.Contains(c.Id));
        var rows = await cohorts
            .OrderBy(c => c.Course.TitleTh)
            .ThenBy(c => c.Name)
            .Select(c => new { c.Id, Name = c.Course.TitleTh + " · " + c.Name })
            .Take(300)
            .ToListAsync();
        return rows.Select(c => (c.Id, c.Name)).ToList();
    }
}
