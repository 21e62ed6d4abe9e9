using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class JobsAndKeysTests
{
    [Fact]
    public async Task The_job_dashboard_is_for_admins_and_its_trigger_now_sends_queued_mail_once()
    {
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.CreateUserAsync("staff@example.org", Roles.Staff);
        var org = await app.CreateOrganizationAsync("ธนาคารออมสิน", PartnerPrograms.Domain.Organizations.OrganizationKind.Bank);
        await app.CreateUserAsync("partner@example.org", Roles.Partner, org.Id);

        // Others get what every admin page gives them: the sign-in page, or access denied.
        var anonymous = await app.CreateBrowserClient().GetAsync("/jobs");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/Account/Login");
        foreach (var who in new[] { "staff@example.org", "partner@example.org" })
        {
            var client = await app.SignedInClientAsync(who);
            var denied = await client.GetAsync("/jobs/recurring");
            var adminPage = await client.GetAsync("/Admin/Users");
            denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden, who);
            adminPage.StatusCode.ShouldBe(HttpStatusCode.Forbidden, who);
            // The portal's own access-denied page, as on /Admin/Users; not Hangfire's, not a bare status.
            var deniedTitle = PageDriver.Parse(await denied.Content.ReadAsStringAsync()).Title;
            deniedTitle.ShouldNotBeNullOrEmpty();
            deniedTitle.ShouldBe(PageDriver.Parse(await adminPage.Content.ReadAsStringAsync()).Title, who);
        }

        var admin = await app.SignedInClientAsync("admin@example.org");
        var recurring = await admin.GetDocumentAsync("/jobs/recurring");
        foreach (var id in RecurringJobs.Ids) recurring.Body!.TextContent.ShouldContain(id);
        // The job store's connection string (host, port, user) is never shown.
        var html = recurring.DocumentElement.OuterHtml;
        html.ShouldNotContain("Host=");
        html.ShouldNotContain(new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");

        await app.DbAsync(async db =>
        {
            await EmailOutbox.QueueAsync(db, new OutboxMessage
            {
                DedupeKey = "test:1",
                To = "someone@example.org",
                Subject = "ทดสอบ",
                TextBody = "สวัสดี",
                HtmlBody = "<p>สวัสดี</p>",
                NextAttemptAt = DateTime.UtcNow.AddDays(1), // not due: only "trigger now" after the reset below sends it
            });
            return await db.SaveChangesAsync();
        });
        await app.DbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

        // The dashboard's own button: a POST with its antiforgery header; without the header it is refused.
        var header = recurring.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!;
        var token = recurring.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        using (var forged = new FormUrlEncodedContent([new("jobs[]", RecurringJobs.EmailOutbox)]))
            ((int)(await admin.PostAsync("/jobs/recurring/trigger", forged)).StatusCode).ShouldBeGreaterThanOrEqualTo(400);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", RecurringJobs.EmailOutbox)]) })
        {
            request.Headers.Add(header, token);
            (await admin.SendAsync(request)).IsSuccessStatusCode.ShouldBeTrue();
        }

        // The 20-second schedule may fire too; either way the message goes out once, and the run that sent it says so.
        var storage = app.Services.GetRequiredService<JobStorage>();
        var deadline = DateTime.UtcNow.AddSeconds(40);
        var sent = false;
        while (DateTime.UtcNow < deadline && !sent)
        {
            sent = storage.GetMonitoringApi().SucceededJobs(0, 100).Any(j => (j.Value.Result as string)?.Contains("sent 1, failed 0", StringComparison.Ordinal) == true);
            if (!sent) await Task.Delay(250);
        }
        sent.ShouldBeTrue("a run sent the message and its result is on the dashboard");
        (await app.DbAsync(db => db.OutboxMessages.SingleAsync())).Status.ShouldBe(OutboxStatus.Sent);
        storage.GetMonitoringApi().SucceededJobs(0, 100).Count(j => (j.Value.Result as string)?.Contains("sent 1", StringComparison.Ordinal) == true).ShouldBe(1);
        (await admin.GetDocumentAsync("/jobs/jobs/succeeded")).Body!.TextContent.ShouldContain("Send queued e-mail");
    }

    [Fact]
    public async Task A_failed_job_shows_no_personal_data_and_an_admin_can_retry_it()
    {
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<FailsOnceProbe>(p => p.Run());
        var storage = app.Services.GetRequiredService<JobStorage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && storage.GetConnection().GetJobData(jobId)?.State != "Failed") await Task.Delay(250);

        var failed = storage.GetMonitoringApi().FailedJobs(0, 10).Single(j => j.Key == jobId).Value;
        failed.ExceptionMessage.ShouldNotContain("somchai.jaidee@example.org");
        failed.ExceptionMessage.ShouldNotContain("1103702071811");
        failed.ExceptionMessage.ShouldContain("1-1037-xxxxx-xx-1");
        failed.ExceptionDetails.ShouldNotContain("somchai.jaidee");
        var admin = await app.SignedInClientAsync("admin@example.org");
        var page = await admin.GetDocumentAsync($"/jobs/jobs/details/{jobId}");
        page.DocumentElement.OuterHtml.ShouldNotContain("somchai.jaidee@example.org");
        page.Body!.TextContent.ShouldContain("InvalidOperationException");

        // "Requeue" on the failed list: the job runs again, and this time succeeds.
        var list = await admin.GetDocumentAsync("/jobs/jobs/failed");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/jobs/failed/requeue") { Content = new FormUrlEncodedContent([new("jobs[]", jobId)]) };
        request.Headers.Add(list.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!, list.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!);
        (await admin.SendAsync(request)).IsSuccessStatusCode.ShouldBeTrue();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && storage.GetConnection().GetJobData(jobId)?.State != "Succeeded") await Task.Delay(250);
        storage.GetConnection().GetJobData(jobId)!.State.ShouldBe("Succeeded");
    }

    [Fact]
    public async Task Data_protection_keys_are_encrypted_at_rest_when_a_key_is_configured()
    {
        var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = kek });
        await app.CreateUserAsync("staff@example.org", Roles.Staff);
        var client = await app.SignedInClientAsync("staff@example.org");
        (await client.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var xml = await app.DbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        xml.ShouldNotBeEmpty();
        xml.ShouldAllBe(x => x.Contains("aesGcmEncrypted") && !x.Contains("<masterKey"));

        // Another instance with the same key-encryption key reads the ring and accepts the sign-in cookie.
        await using var second = new PortalFactory(app.ConnectionString, new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = kek });
        (await second.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>A job that fails the way a real one might (an SMTP refusal naming a person), then succeeds when retried.</summary>
public sealed class FailsOnceProbe
{
    private static int _runs;

    [AutomaticRetry(Attempts = 0)]
    public void Run()
    {
        if (Interlocked.Increment(ref _runs) == 1)
            throw new InvalidOperationException("550 mailbox unavailable: somchai.jaidee@example.org (national ID 1103702071811)");
    }
}
