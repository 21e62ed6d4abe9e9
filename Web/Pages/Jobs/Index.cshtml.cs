using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Jobs;
using PartnerPrograms.Jobs.Scheduling;
using Quartz;

namespace PartnerPrograms.Web.Pages.Jobs;

/// <summary>Admin only (folder convention): scheduled jobs, next and last runs, failures, and "run now".</summary>
public class IndexModel(AppDbContext db, ISchedulerFactory schedulers, IStringLocalizer l) : PageModel
{
    public sealed record JobRow(string Key, string Cron, string Description, DateTime? NextRun, JobRun? LastRun);
    public List<JobRow> Jobs { get; private set; } = [];
    public List<JobRun> Runs { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scheduler = await schedulers.GetScheduler();
        var lastRuns = await db.JobRuns.AsNoTracking()
            .GroupBy(r => r.JobName).Select(g => g.OrderByDescending(r => r.StartedAt).First()).ToListAsync();
        foreach (var job in JobsSetup.Recurring)
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey(job.Key + "-schedule"));
            Jobs.Add(new JobRow(job.Key, job.Cron, job.Description, trigger?.NextFireTimeUtc?.UtcDateTime,
                lastRuns.FirstOrDefault(r => r.JobName == job.Key)));
        }
        Runs = await db.JobRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(50).ToListAsync();
    }

    public async Task<IActionResult> OnPostRunAsync(string key)
    {
        if (JobsSetup.Recurring.All(j => j.Key != key)) return NotFound();
        var scheduler = await schedulers.GetScheduler();
        await scheduler.TriggerJob(new JobKey(key));
        TempData["Flash"] = l["The job was started. Its run appears below in a moment."].Value;
        return RedirectToPage();
    }
}
