using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Certificates;

public class CertificateIssueTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Bulk_issue_covers_only_completed_enrolments_stores_each_PDF_with_its_hash_and_running_again_issues_nothing()
    {
        var data = await _app.ClosedCohortAsync(completed: 3, notCompleted: 1);
        var batch = await _app.IssueAllAsync(data.Cohort.Id);
        batch.Status.ShouldBe(CertificateBatchStatus.Done);
        (batch.Total, batch.Done).ShouldBe((3, 3));

        var certificates = await _app.CertificatesAsync(data.Cohort.Id);
        certificates.Count.ShouldBe(3);
        certificates.Select(c => c.TraineeId).Order().ShouldBe(data.Trainees.Take(3).Select(t => t.Id).Order());
        certificates.ShouldAllBe(c => c.Status == CertificateStatus.Valid && c.Hours == 12 && c.Signatories.Count == 1);
        foreach (var c in certificates)
        {
            Convert.ToHexStringLower(SHA256.HashData(c.Pdf!)).ShouldBe(c.PdfSha256);
            (await Tools.PdfPageCountAsync(c.Pdf!)).ShouldBe(1);
            var text = await Tools.PdfTextAsync(c.Pdf!);
            text.ShouldContainText(c.HolderName);
            text.ShouldContainText(data.Course.TitleTh);
            text.ShouldContain(c.Code);
        }
        certificates.Single(c => c.TraineeId == data.Trainees[0].Id).HolderName.ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");

        // Twice: nothing new, whether by a new batch or by the same job run again.
        var again = await _app.IssueAllAsync(data.Cohort.Id);
        (again.Status, again.Total, again.Done).ShouldBe((CertificateBatchStatus.Done, 0, 0));
        await _app.InScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().RunBatchAsync(batch.Id));
        (await _app.CertificatesAsync(data.Cohort.Id)).Count.ShouldBe(3);

        // A later edit of the trainee changes nothing issued.
        await _app.DbAsync(db => db.Trainees.Where(t => t.Id == data.Trainees[0].Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.FirstName, "เปลี่ยน")));
        var after = await _app.CertificatesAsync(data.Cohort.Id);
        after.Single(c => c.TraineeId == data.Trainees[0].Id).HolderName.ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");
        after.Select(c => c.PdfSha256).ShouldBe(certificates.Select(c => c.PdfSha256));
    }

    [Fact]
    public async Task The_ZIP_holds_one_single_page_PDF_per_valid_certificate_named_in_readable_Thai_with_the_code()
    {
        var data = await _app.ClosedCohortAsync(completed: 3, notCompleted: 1);
        var batch = await _app.IssueAllAsync(data.Cohort.Id);
        batch.Zip.ShouldNotBeNull();
        // General purpose flag bit 11 of the first local header: names are UTF-8.
        (batch.Zip[7] & 0x08).ShouldBe(0x08);
        var certificates = await _app.CertificatesAsync(data.Cohort.Id);
        using var zip = new ZipArchive(new MemoryStream(batch.Zip), ZipArchiveMode.Read, false, System.Text.Encoding.UTF8);
        zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal)
            .ShouldBe(certificates.Select(c => $"{c.HolderName} {c.Code}.pdf").Order(StringComparer.Ordinal));
        zip.Entries.ShouldContain(e => e.FullName.StartsWith("นางสาวญาณี ปิ่นแก้วฟ้า ", StringComparison.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var ms = new MemoryStream();
            await using (var s = await entry.OpenAsync()) await s.CopyToAsync(ms);
            var bytes = ms.ToArray();
            (await Tools.PdfPageCountAsync(bytes)).ShouldBe(1);
            certificates.ShouldContain(c => c.PdfSha256 == Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var staff = await _app.ApiClientAsync("staff@example.org");
        var download = await staff.GetAsync($"/api/v1/certificate-batches/{batch.Id}/zip");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(batch.Zip);
    }

    [Fact]
    public async Task The_issued_email_is_queued_once_per_certificate_with_the_PDF_attached_and_a_sign_in_link()
    {
        var data = await _app.ClosedCohortAsync(completed: 2, notCompleted: 1);
        await _app.CreateUserAsync(data.Trainees[0].Email!, Roles.Participant, traineeId: data.Trainees[0].Id, name: "ญาณี");
        await _app.IssueAllAsync(data.Cohort.Id);
        var certificates = await _app.CertificatesAsync(data.Cohort.Id);
        var messages = await _app.DbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
            .Where(m => m.Subject.Contains("วุฒิบัตร")).ToListAsync());
        messages.Count.ShouldBe(2);
        var mine = messages.Single(m => m.To == data.Trainees[0].Email);
        mine.Language.ShouldBe("th");
        mine.TextBody.ShouldContain("/Certificates/My");
        mine.TextBody.ShouldContain(certificates.Single(c => c.TraineeId == data.Trainees[0].Id).Code);
        mine.HtmlBody.ShouldContain("/Unsubscribe?token=");
        var attachment = mine.Attachments.ShouldHaveSingleItem();
        attachment.ContentType.ShouldBe("application/pdf");
        attachment.FileName.ShouldEndWith(".pdf");
        attachment.Content.ShouldBe(certificates.Single(c => c.TraineeId == data.Trainees[0].Id).Pdf);
        messages.ShouldNotContain(m => m.To == data.Trainees[2].Email);

        // Queueing again (a re-run) sends nothing: the reminder log holds the code.
        var outcome = await _app.InScopeAsync(async sp =>
        {
            var settings = await SettingsStore.LoadAsync(sp.GetRequiredService<Domain.Database.AppDbContext>());
            return await sp.GetRequiredService<CertificateMails>().QueueIssuedMailAsync(certificates[0], settings);
        });
        outcome.ShouldBe(ReminderOutcome.AlreadySent);
        (await _app.DbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.Contains("วุฒิบัตร")))).ShouldBe(2);
    }

    [Fact]
    public async Task Without_the_attachment_setting_the_email_has_no_PDF()
    {
        await _app.DbAsync(async db => { var s = await SettingsStore.LoadAsync(db); s.AttachCertificatePdfToEmail = false; await SettingsStore.SaveAsync(db, s, null, DateTime.UtcNow); return true; });
        var data = await _app.ClosedCohortAsync(completed: 1, notCompleted: 0);
        await _app.IssueAllAsync(data.Cohort.Id);
        var message = await _app.DbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.To == data.Trainees[0].Email));
        message.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public async Task One_trainee_is_issued_singly_and_one_who_did_not_complete_gets_none_with_the_reason_on_the_page()
    {
        var data = await _app.ClosedCohortAsync(completed: 1, notCompleted: 1);
        var one = await _app.InScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueOneAsync(data.EnrollmentIds[0]));
        one.HolderName.ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");
        await Should.ThrowAsync<RuleViolationException>(() => _app.InScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueOneAsync(data.EnrollmentIds[1])));
        await Should.ThrowAsync<RuleViolationException>(() => _app.InScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().IssueOneAsync(data.EnrollmentIds[0])));
        (await _app.CertificatesAsync(data.Cohort.Id)).Count.ShouldBe(1);

        var staff = await _app.SignedInClientAsync("staff@example.org");
        var page = await staff.GetDocumentAsync($"/Certificates/Cohort?id={data.Cohort.Id}");
        var row = page.QuerySelector($"tr[data-enrollment='{data.EnrollmentIds[1]}']")!;
        row.TextContent.ShouldContain("ไม่ผ่านเกณฑ์");
        row.QuerySelector("[data-testid=reason]")!.TextContent.ShouldContain("0");
        page.QuerySelector($"tr[data-enrollment='{data.EnrollmentIds[0]}']")!.TextContent.ShouldContain(one.Code);
    }

    [Fact]
    public async Task The_API_starts_a_job_for_a_closed_cohort_only_and_staff_only()
    {
        var open = await _app.ClosedCohortAsync(completed: 1, notCompleted: 0, close: false);
        var data = await _app.ClosedCohortAsync(completed: 2, notCompleted: 1);
        var staff = await _app.ApiClientAsync("staff@example.org");
        var started = await staff.PostAsync($"/api/v1/cohorts/{data.Cohort.Id}/certificates", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        var batchId = body.GetProperty("batchId").GetInt64();
        body.GetProperty("alreadyRunning").GetBoolean().ShouldBeFalse();
        body.GetProperty("total").GetInt32().ShouldBe(2);
        // A second request while it is queued joins the same batch: no second batch, no second job.
        var again = JsonDocument.Parse(await (await staff.PostAsync($"/api/v1/cohorts/{data.Cohort.Id}/certificates", null)).Content.ReadAsStringAsync()).RootElement;
        again.GetProperty("batchId").GetInt64().ShouldBe(batchId);
        again.GetProperty("alreadyRunning").GetBoolean().ShouldBeTrue();
        (await _app.DbAsync(db => db.CertificateBatches.CountAsync(b => b.CohortId == data.Cohort.Id))).ShouldBe(1);
        var queued = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs(PartnerPrograms.Jobs.Scheduling.JobQueues.Pdf, 0, 10);
        queued.Count.ShouldBe(1, "one job on the PDF queue");
        queued[0].Value.Job.Args[0].ShouldBe(batchId, "its only argument is the batch id");
        (await staff.PostAsync($"/api/v1/cohorts/{open.Cohort.Id}/certificates", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await staff.PostAsync("/api/v1/cohorts/999999/certificates", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await _app.InScopeAsync(sp => sp.GetRequiredService<CertificateIssuer>().RunBatchAsync(batchId));
        var progress = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/certificate-batches/{batchId}")).RootElement;
        progress.GetProperty("status").GetString().ShouldBe("done");
        progress.GetProperty("done").GetInt32().ShouldBe(2);
        progress.GetProperty("hasZip").GetBoolean().ShouldBeTrue();

        await _app.CreateUserAsync("p@example.org", Roles.Participant, traineeId: data.Trainees[0].Id);
        var participant = await _app.ApiClientAsync("p@example.org");
        (await participant.PostAsync($"/api/v1/cohorts/{data.Cohort.Id}/certificates", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
