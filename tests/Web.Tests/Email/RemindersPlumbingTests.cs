using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Email;

public class RemindersPlumbingTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _web = null!;
    private AppUser _partner = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        var org = await _app.CreateOrganizationAsync("ธนาคารออมสิน");
        _partner = await _app.CreateUserAsync("gsb@example.org", Roles.Partner, org.Id, name: "วิภาวรรณ ออมทรัพย์");
        await _app.CreateUserAsync("admin@example.org", Roles.Admin);
        _web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<IReminderSource>(sp => new OneReminderPerUser(sp.GetRequiredService<ReminderSender>(), sp.GetRequiredService<PartnerPrograms.Domain.Database.AppDbContext>(), sp.GetRequiredService<UnsubscribeLinks>()));
            s.AddScoped<ICalendarEventSource, FixedEvents>();
        }));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Running_the_reminders_twice_on_one_day_queues_each_once()
    {
        var admin = await ApiAsync("admin@example.org");
        var first = await (await admin.PostAsync("/api/v1/admin/reminders/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        first.GetProperty("queued").GetInt32().ShouldBe(2);
        first.GetProperty("skippedAsAlreadySent").GetInt32().ShouldBe(0);
        var second = await (await admin.PostAsync("/api/v1/admin/reminders/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("queued").GetInt32().ShouldBe(0);
        second.GetProperty("skippedAsAlreadySent").GetInt32().ShouldBe(2);
        (await _app.DbAsync(db => db.OutboxMessages.CountAsync())).ShouldBe(2);
        (await _app.DbAsync(db => db.ReminderLog.CountAsync(r => r.OutboxMessageId != null))).ShouldBe(2);

        var outbox = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/admin/outbox?status=pending");
        outbox!.Length.ShouldBe(2);
        (await admin.GetAsync("/api/v1/admin/outbox?status=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var partner = await ApiAsync("gsb@example.org");
        (await partner.PostAsync("/api/v1/admin/reminders/run", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Running_concurrently_on_several_schedulers_still_queues_each_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = _web.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(new DateOnly(2026, 11, 21), CancellationToken.None);
        }));
        results.Sum(r => r.Queued).ShouldBe(2);
        results.Sum(r => r.SkippedAsAlreadySent).ShouldBe(6);
        (await _app.DbAsync(db => db.OutboxMessages.CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task The_unsubscribe_link_in_a_reminder_turns_that_kind_off_without_signing_in()
    {
        var admin = await ApiAsync("admin@example.org");
        await admin.PostAsync("/api/v1/admin/reminders/run", null);
        var message = await _app.DbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == "gsb@example.org"));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.TextBody, @"http://portal\.test/Unsubscribe\?token=\S+").Value);

        var anonymous = _web.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await anonymous.GetDocumentAsync(link.PathAndQuery);
        page.QuerySelector("main")!.TextContent.ShouldContain("ภารกิจใกล้ครบกำหนด");
        (await _app.DbAsync(db => db.NotificationPreferences.CountAsync())).ShouldBe(0, "a GET (a mail scanner) changes nothing");
        var done = await anonymous.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>());
        PageDriver.Parse(await done.Content.ReadAsStringAsync()).QuerySelector("[data-testid=unsubscribed]").ShouldNotBeNull();

        // Next day's run skips the partner for that kind; the admin still gets theirs.
        await _app.DbAsync(db => db.ReminderLog.ExecuteDeleteAsync());
        await _app.DbAsync(db => db.OutboxMessages.ExecuteDeleteAsync());
        var again = await (await admin.PostAsync("/api/v1/admin/reminders/run", null)).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("queued").GetInt32().ShouldBe(1);
        (await _app.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "gsb@example.org"))).ShouldBeFalse();

        // A tampered token does nothing.
        var bad = await anonymous.GetDocumentAsync("/Unsubscribe?token=" + Uri.EscapeDataString(link.Query[7..] + "x"));
        bad.QuerySelector("main")!.TextContent.ShouldContain("ลิงก์นี้ใช้ไม่ได้");
    }

    [Fact]
    public async Task The_calendar_feed_is_valid_RFC_5545_with_the_users_events()
    {
        var partner = await ApiAsync("gsb@example.org");
        var url = (await partner.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-url")).GetProperty("url").GetString()!;
        url.ShouldStartWith("http://portal.test/calendar/");
        (await partner.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-url")).GetProperty("url").GetString().ShouldBe(url, "the same address each time");

        var anonymous = _web.CreateClient();
        var response = await anonymous.GetAsync(new Uri(url).PathAndQuery);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();

        var parsed = await ParseWithIcalJsAsync(ics);
        parsed.GetProperty("timezones")[0].GetString().ShouldBe("Asia/Bangkok");
        var events = parsed.GetProperty("events").EnumerateArray().ToList();
        events.Count.ShouldBe(2);
        var due = events.Single(e => e.GetProperty("isDate").GetBoolean());
        due.GetProperty("summary").GetString().ShouldBe("ครบกำหนด: จัดทำหลักสูตรการเงินชุมชน, ฉบับร่าง; ส่งให้ สทบ.");
        due.GetProperty("start").GetString().ShouldBe("2026-12-01");
        var session = events.Single(e => !e.GetProperty("isDate").GetBoolean());
        session.GetProperty("location").GetString().ShouldBe("มหาวิทยาลัยมหาสารคาม, อาคาร 1");
        // 09:00 in Bangkok is 02:00 UTC
        DateTimeOffset.FromUnixTimeSeconds(session.GetProperty("startUtc").GetInt64()).UtcDateTime.ShouldBe(new DateTime(2026, 12, 2, 2, 0, 0));

        (await anonymous.GetAsync("/calendar/not-a-token.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> ApiAsync(string email)
    {
        var client = _web.CreateClient();
        var token = (await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = PortalFactory.Password })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> ParseWithIcalJsAsync(string ics)
    {
        var tools = Path.Combine(Skeleton.ShellTests.FindRepositoryRoot(), "tests", "tools");
        var psi = new ProcessStartInfo("node", ["ical-parse.mjs"]) { WorkingDirectory = tools, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(ics);
        p.StandardInput.Close();
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    /// <summary>A reminder source as the features write them: one reminder per user per day.</summary>
    private sealed class OneReminderPerUser(ReminderSender sender, PartnerPrograms.Domain.Database.AppDbContext db, UnsubscribeLinks links) : IReminderSource
    {
        public string Name => "test";
        public async Task<ReminderRunResult> RunAsync(DateOnly today, CancellationToken ct)
        {
            var result = ReminderRunResult.None;
            foreach (var user in await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
            {
                var unsubscribe = "http://portal.test/Unsubscribe?token=" + Uri.EscapeDataString(links.Token(user.Id, ReminderKind.ActionDue));
                result = result.Add(await sender.SendAsync(ReminderKind.ActionDue, user.Id, "user:" + user.Id, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    new OutboxMessage { To = user.Email!, Subject = "แจ้งเตือน", TextBody = "ภารกิจ\n" + unsubscribe, HtmlBody = "<p>ภารกิจ</p>" }, ct));
            }
            return result;
        }
    }

    private sealed class FixedEvents : ICalendarEventSource
    {
        public Task<IReadOnlyList<CalendarEvent>> ForUserAsync(Guid userId, CancellationToken ct) => Task.FromResult<IReadOnlyList<CalendarEvent>>(
        [
            new CalendarEvent($"action-1-{userId:N}@partnerprograms", "ครบกำหนด: จัดทำหลักสูตรการเงินชุมชน, ฉบับร่าง; ส่งให้ สทบ.", "รายละเอียด\nบรรทัดที่สอง", null, new DateOnly(2026, 12, 1), null, null),
            new CalendarEvent($"session-1-{userId:N}@partnerprograms", "อบรมไลฟ์สดเพื่อการขาย", null, "มหาวิทยาลัยมหาสารคาม, อาคาร 1", null, new DateTime(2026, 12, 2, 9, 0, 0), new DateTime(2026, 12, 2, 12, 0, 0)),
        ]);
    }
}
