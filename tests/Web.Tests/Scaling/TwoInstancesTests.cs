using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Skeleton;

namespace PartnerPrograms.Web.Tests.Scaling;

/// <summary>
/// Scaling out: two portal instances on one PostgreSQL, each with its clustered Quartz scheduler on, as in a
/// two-node deployment behind a load balancer.
/// </summary>
public class TwoInstancesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> SchedulerOn = new() { ["Jobs:Scheduler"] = "true", ["Jobs:CheckinSeconds"] = "2", ["Jobs:CheckinMisfireSeconds"] = "5" };
    private PortalFactory _a = null!;
    private PortalFactory _b = null!;

    public async Task InitializeAsync()
    {
        _a = await PortalFactory.CreateAsync(SchedulerOn);
        _b = new PortalFactory(_a.ConnectionString, SchedulerOn);
        // Start both hosts (and so both schedulers) now.
        (await _a.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _b.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_user_signed_in_on_one_instance_is_signed_in_on_the_other()
    {
        await _a.CreateUserAsync("shared@example.org", Roles.Staff, name: "สมหญิง สองเครื่อง");
        var cookie = await ShellTests.SignInCookieAsync(_a);
        var onB = _b.CreateBrowserClient();
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        var profile = await onB.GetAsync("/Profile");
        profile.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await profile.Content.ReadAsStringAsync()).ShouldContain("สมหญิง สองเครื่อง");
    }

    [Fact]
    public async Task A_recurring_job_runs_once_per_fire_time_across_both_instances()
    {
        // Both schedulers have checked in to the clustered store.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long instances = 0;
        while (DateTime.UtcNow < deadline && instances < 2)
        {
            instances = await _a.DbAsync(db => db.Database.SqlQuery<long>($"select count(*) as \"Value\" from qrtz_scheduler_state").SingleAsync());
            if (instances < 2) await Task.Delay(500);
        }
        instances.ShouldBe(2, "two scheduler instances in the cluster");

        // The e-mail outbox job fires every 20 s (at :00, :20, :40): wait for three fire times.
        deadline = DateTime.UtcNow.AddSeconds(75);
        List<DateTime> runs = [];
        while (DateTime.UtcNow < deadline && runs.Count < 3)
        {
            runs = await _a.DbAsync(db => db.JobRuns.AsNoTracking().Where(r => r.JobName == "email-outbox").Select(r => r.StartedAt).ToListAsync());
            if (runs.Count < 3) await Task.Delay(1000);
        }
        runs.Count.ShouldBeGreaterThanOrEqualTo(3);
        // One run per 20-second fire time, never two (a run starts within a few seconds of its fire time).
        var perFireTime = runs.GroupBy(t => new DateTime(t.Ticks - t.Ticks % TimeSpan.FromSeconds(20).Ticks)).ToList();
        perFireTime.ShouldAllBe(g => g.Count() == 1, string.Join(", ", runs.Order().Select(t => t.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Reminder_runs_on_both_instances_at_the_same_moment_send_each_reminder_once()
    {
        const int Partners = 12;
        var today = Dates.TodayInBangkok(TimeProvider.System);
        var foundation = await _a.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation);
        await _a.CreateUserAsync("staff@example.org", Roles.Staff);
        for (var i = 0; i < Partners; i++)
        {
            var org = await _a.CreateOrganizationAsync($"ธนาคารหมู่บ้าน {i}", OrganizationKind.Bank);
            await _a.CreateUserAsync($"partner{i}@example.org", Roles.Partner, org.Id);
            await _a.DbAsync(async db =>
            {
                var mou = new Mou
                {
                    Code = $"MOU-2569-{i:D3}", Title = $"ความร่วมมือ {i}", Status = MouStatus.Active, StartDate = today.AddDays(-100), EndDate = today.AddYears(2), SigningDate = today.AddDays(-100),
                    Parties = [new MouParty { OrganizationId = foundation.Id, Role = PartyRole.Lead, SignatoryName = "ก" }, new MouParty { OrganizationId = org.Id, SignatoryName = "ข" }],
                };
                db.Mous.Add(mou);
                await db.SaveChangesAsync();
                var item = new MouItem { MouId = mou.Id, Number = 1, Title = "หลักสูตร" };
                db.MouItems.Add(item);
                await db.SaveChangesAsync();
                db.MouActions.Add(new MouAction { MouId = mou.Id, ItemId = item.Id, Title = "ส่งรายชื่อผู้เข้าอบรม", ResponsibleOrganizationId = org.Id, DueDate = today.AddDays(5) });
                return await db.SaveChangesAsync();
            });
        }

        // Three runs on each instance, all at once (a retry, a second node, the hourly trigger).
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = (i % 2 == 0 ? _a : _b).Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(today, CancellationToken.None);
        }));

        var mail = await _a.DbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => new { m.To, m.Subject }).ToListAsync());
        for (var i = 0; i < Partners; i++)
            mail.Count(m => m.To.Contains($"partner{i}@example.org", StringComparison.Ordinal)).ShouldBe(1, $"partner{i} gets its due-soon reminder exactly once");
        mail.GroupBy(m => (m.To, m.Subject)).ShouldAllBe(g => g.Count() == 1);
    }
}
