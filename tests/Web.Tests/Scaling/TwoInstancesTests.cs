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
/// Scaling out: two portal instances on one PostgreSQL, each running Hangfire servers on the shared job store, as in a
/// two-node deployment behind a load balancer.
/// </summary>
public class TwoInstancesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> SchedulerOn = new() { ["Jobs:Server"] = "true" };
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
        // Both instances' servers have registered with the shared store (a main and a PDF server each).
        var monitoring = _a.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && monitoring.Servers().Count < 4) await Task.Delay(500);
        monitoring.Servers().Count.ShouldBe(4, "two instances, each with a main and a PDF server");

        // The e-mail outbox job is due every 20 s (at :00, :20, :40): wait for three occurrences.
        deadline = DateTime.UtcNow.AddSeconds(75);
        List<OutboxRun> runs = [];
        while (DateTime.UtcNow < deadline && runs.Count(r => r.Succeeded) < 3)
        {
            runs = await OutboxRunsAsync();
            if (runs.Count(r => r.Succeeded) < 3) await Task.Delay(1000);
        }
        runs.Count(r => r.Succeeded).ShouldBeGreaterThanOrEqualTo(3);
        // One job per 20-second occurrence, never two; each job performed once (one Processing state).
        var order = string.Join(", ", runs.OrderBy(r => r.CreatedAt).Select(r => r.CreatedAt.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)));
        runs.GroupBy(r => new DateTime(r.CreatedAt.Ticks - r.CreatedAt.Ticks % TimeSpan.FromSeconds(20).Ticks)).ShouldAllBe(g => g.Count() == 1, order);
        runs.ShouldAllBe(r => r.Performed <= 1, order);
    }

    private sealed record OutboxRun(long Id, DateTime CreatedAt, int Performed, bool Succeeded);

    private Task<List<OutboxRun>> OutboxRunsAsync() => _a.DbAsync(db => db.Database.SqlQuery<OutboxRun>($"""
        select j.id as "Id", j.createdat as "CreatedAt",
               (select count(*)::int from hangfire.state s where s.jobid = j.id and s.name = 'Processing') as "Performed",
               coalesce(j.statename = 'Succeeded', false) as "Succeeded"
        from hangfire.job j
        join hangfire.jobparameter p on p.jobid = j.id and p.name = 'RecurringJobId'
        where p.value = '"email-outbox"'
        """).ToListAsync());

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
                    Code = $"MOU-2569-{i:D3}",
                    Title = $"ความร่วมมือ {i}",
                    Status = MouStatus.Active,
                    StartDate = today.AddDays(-100),
                    EndDate = today.AddYears(2),
                    SigningDate = today.AddDays(-100),
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
