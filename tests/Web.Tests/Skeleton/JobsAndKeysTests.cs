using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class JobsAndKeysTests
{
    [Fact]
    public async Task Run_now_on_the_jobs_page_runs_the_job_on_the_clustered_scheduler_and_logs_the_run()
    {
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Jobs:Scheduler"] = "true" });
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        await app.DbAsync(async db =>
        {
            await EmailOutbox.QueueAsync(db, new OutboxMessage
            {
                DedupeKey = "test:1", To = "someone@example.org", Subject = "ทดสอบ", TextBody = "สวัสดี", HtmlBody = "<p>สวัสดี</p>",
                NextAttemptAt = DateTime.UtcNow.AddDays(1), // not due: only "run now" + a reset below makes it go
            });
            return await db.SaveChangesAsync();
        });
        await app.DbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));

        var admin = await app.SignedInClientAsync("admin@example.org");
        var run = await admin.PostWithTokenAsync("/Jobs", "/Jobs?handler=Run&key=email-outbox");
        run.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The recurring 20-second trigger may fire too; either way the message must go out exactly once, and the
        // run that sent it is in the log.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        PartnerPrograms.Domain.Jobs.JobRun? done = null;
        while (DateTime.UtcNow < deadline && done is null)
        {
            done = await app.DbAsync(db => db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobName == "email-outbox" && r.Status == "succeeded" && r.Message == "sent 1, failed 0"));
            if (done is null) await Task.Delay(250);
        }
        done.ShouldNotBeNull("the job ran, sent the message, and its run was logged");
        done.SchedulerInstance.ShouldNotBeNullOrEmpty();
        (await app.DbAsync(db => db.OutboxMessages.SingleAsync())).Status.ShouldBe(OutboxStatus.Sent);
        (await app.DbAsync(db => db.JobRuns.CountAsync(r => r.Message == "sent 1, failed 0"))).ShouldBe(1);
        var page = await admin.GetDocumentAsync("/Jobs");
        page.QuerySelector("[data-testid=run-table]")!.TextContent.ShouldContain("email-outbox");
        // Quartz keeps its schedule in the same database (clustered job store).
        (await app.DbAsync(db => db.Database.SqlQuery<long>($"select count(*) as \"Value\" from qrtz_triggers").SingleAsync())).ShouldBeGreaterThan(0);
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
