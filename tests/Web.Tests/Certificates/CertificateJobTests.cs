using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Certificates;

/// <summary>The real path: the API enqueues the one-off Hangfire job on the PDF queue, a server runs it, the page shows progress and the ZIP.</summary>
public class CertificateJobTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_scheduled_job_issues_the_cohort_and_builds_its_ZIP()
    {
        var data = await _app.ClosedCohortAsync(completed: 3, notCompleted: 1);
        var staff = await _app.ApiClientAsync("staff@example.org");
        var started = await staff.PostAsync($"/api/v1/cohorts/{data.Cohort.Id}/certificates", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var batchId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("batchId").GetInt64();

        JsonElement progress = default;
        for (var i = 0; i < 120; i++)
        {
            progress = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/certificate-batches/{batchId}")).RootElement;
            if (progress.GetProperty("status").GetString() is "done" or "failed") break;
            await Task.Delay(500);
        }
        progress.GetProperty("status").GetString().ShouldBe("done", progress.ToString());
        progress.GetProperty("done").GetInt32().ShouldBe(3);
        (await _app.DbAsync(db => db.Certificates.CountAsync(c => c.CohortId == data.Cohort.Id))).ShouldBe(3);

        var pages = await _app.SignedInClientAsync("staff@example.org");
        var doc = await pages.GetDocumentAsync($"/Certificates/Cohort?id={data.Cohort.Id}");
        doc.QuerySelector("[data-testid=batch]")!.GetAttribute("data-status").ShouldBe("Done");
        doc.QuerySelector("[data-testid=zip]")!.GetAttribute("href").ShouldBe($"/api/v1/certificate-batches/{batchId}/zip");

        // the page's button starts another run, which finds nothing to issue
        var posted = await pages.PostWithTokenAsync($"/Certificates/Cohort?id={data.Cohort.Id}", $"/Certificates/Cohort?id={data.Cohort.Id}&handler=IssueAll");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        for (var i = 0; i < 120; i++)
        {
            var last = await _app.DbAsync(db => db.CertificateBatches.Where(b => b.CohortId == data.Cohort.Id).OrderByDescending(b => b.Id).Select(b => b.Status).FirstAsync());
            if (last is Domain.Certificates.CertificateBatchStatus.Done) break;
            await Task.Delay(500);
        }
        (await _app.DbAsync(db => db.Certificates.CountAsync(c => c.CohortId == data.Cohort.Id))).ShouldBe(3);
    }
}
