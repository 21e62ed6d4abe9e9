using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// PDF printing: requests are rate-limited per user, a cancelled or timed-out print gives its Chromium page back at
/// once, and web requests have pages of their own, so they are served while a certificate batch holds the job pages.
/// </summary>
public class PdfLimitsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private long _mou;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PdfPerMinute"] = "3",
            ["Pdf:RequestPages"] = "2",
            ["Pdf:JobPages"] = "1",
            // Far above any print here, so a slow machine never turns a served request into a timeout; the timeout
            // itself is tested with its own settings below.
            ["Pdf:TimeoutSeconds"] = "300",
        });
        var foundation = (await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        var cdd = (await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน")).Id;
        await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        await _app.CreateUserAsync("staff2@example.org", Roles.Staff, name: "มานะ ขยันยิ่ง");
        var api = await _app.ApiClientAsync("staff@example.org");
        var created = await api.PostAsJsonAsync("/api/v1/mous", new
        {
            code = "MOU-2563-002",
            title = "ความร่วมมือพัฒนาหลักสูตรการเงินชุมชน",
            purpose = "เพื่อร่วมกันพัฒนาชุมชน",
            startDate = DateOnly.FromDateTime(DateTime.UtcNow),
            endDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(2),
            parties = new[] { new { organizationId = foundation, role = "lead", signatoryName = "นายวีรยุทธ ศรีประเสริฐ", signatoryPosition = "ประธาน" },
                              new { organizationId = cdd, role = "partner", signatoryName = "นางสาวรัชนีกร บุญมาก", signatoryPosition = "อธิบดี" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        _mou = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Agreement => $"/api/v1/mous/{_mou}/agreement.pdf";

    /// <summary>A long Thai document: Chromium needs seconds for it, which is what a batch of certificates is like.</summary>
    private static string Long(int rows) =>
        $"<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><style>{DocumentFonts.FontFaceCss} body {{ font-family: Sarabun; }}</style></head><body><table>" +
        string.Concat(Enumerable.Range(0, rows).Select(i => $"<tr><td>{i}</td><td>มูลนิธิสัมมาชีพร่วมกับกรมการพัฒนาชุมชนลงนามบันทึกข้อตกลงความร่วมมือสานพลังขับเคลื่อนพัฒนาวิสาหกิจท่องเที่ยวชุมชน</td></tr>")) +
        "</table></body></html>";

    [Fact]
    public async Task PDF_requests_past_the_per_user_limit_get_429_on_the_API_and_the_pages_and_other_users_and_pages_are_not_held_back()
    {
        var api = await _app.ApiClientAsync("staff@example.org");
        for (var i = 0; i < 3; i++) (await api.GetAsync(Agreement)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await api.GetAsync(Agreement);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("มีคำขอมากเกินไป");
        refused.Headers.RetryAfter.ShouldNotBeNull();

        // The same person on the pages: the same count. The page itself and its other handlers are not limited.
        var pages = await _app.SignedInClientAsync("staff@example.org");
        var page = await pages.GetAsync($"/Mous/Details?id={_mou}&handler=Progress");
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        PageDriver.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("มีคำขอมากเกินไป");
        for (var i = 0; i < 5; i++) (await pages.GetAsync($"/Mous/Details?id={_mou}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Someone else is not held back by it.
        var other = await _app.ApiClientAsync("staff2@example.org");
        (await other.GetAsync(Agreement)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cancelled_print_stops_at_once_and_gives_its_page_back_so_the_pool_never_runs_dry()
    {
        var renderer = _app.Services.GetRequiredService<PdfRenderer>();
        await renderer.RenderAsync("<p>warm</p>");
        var clock = Stopwatch.StartNew();
        var full = await renderer.RenderAsync(Long(3000), null);
        var fullPrint = clock.Elapsed;
        output.WriteLine($"the long document prints in {fullPrint.TotalSeconds:F1} s ({full.Length / 1024} KB)");
        // Measured against the full print on this machine at this moment, so a busy machine does not fail it.
        var prompt = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(3).Ticks, fullPrint.Ticks / 2));

        for (var i = 0; i < 5; i++) // more cancelled prints than the pool has pages
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            clock.Restart();
            await Should.ThrowAsync<OperationCanceledException>(() => renderer.RenderAsync(Long(3000), null, PdfPool.Requests, cancel.Token));
            clock.Elapsed.ShouldBeLessThan(prompt, "the caller is not kept waiting for the print it gave up");
        }
        renderer.FreePages(PdfPool.Requests).ShouldBe(2);
        clock.Restart();
        (await renderer.RenderAsync("<p>ยังพิมพ์ได้</p>")).AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        output.WriteLine($"then a short one in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_print_past_its_timeout_is_stopped_and_the_API_and_pages_answer_503_in_Thai()
    {
        await using (var strict = new PdfRenderer(NullLogger<PdfRenderer>.Instance, Options.Create(new PdfSettings { TimeoutSeconds = 0.5 })))
        {
            var clock = Stopwatch.StartNew();
            await Should.ThrowAsync<PdfTimeoutException>(() => strict.RenderAsync(Long(3000)));
            // The exception proves the print was stopped at its timeout; the bound (Chromium's start is not cut short)
            // only catches a print left to run, with room for a busy machine.
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
            strict.FreePages(PdfPool.Requests).ShouldBe(2);
        }

        // The same database, with a timeout no print can meet.
        await using var hurried = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?> { ["Pdf:TimeoutSeconds"] = "0.001" });
        var api = await hurried.ApiClientAsync("staff@example.org");
        var response = await api.GetAsync(Agreement);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("สร้างเอกสารไม่ทันเวลา");
        response.Headers.RetryAfter.ShouldNotBeNull();
        var pages = await hurried.SignedInClientAsync("staff@example.org");
        var page = await pages.GetAsync($"/Mous/Details?id={_mou}&handler=Agreement");
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        PageDriver.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("[data-testid=unavailable]")!.TextContent.ShouldBe("ระบบขัดข้องชั่วคราว");
    }

    [Fact]
    public async Task A_PDF_request_is_served_while_a_batch_holds_every_job_page()
    {
        var renderer = _app.Services.GetRequiredService<PdfRenderer>();
        await renderer.RenderAsync("<p>warm</p>");
        using var stopBatch = new CancellationTokenSource();
        // The job pool has one page here: a long print on it is a certificate batch in full swing.
        var batch = renderer.RenderAsync(Long(12_000), null, PdfPool.Jobs, stopBatch.Token);
        var waited = Stopwatch.StartNew();
        while (renderer.FreePages(PdfPool.Jobs) > 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        renderer.FreePages(PdfPool.Jobs).ShouldBe(0);

        var api = await _app.ApiClientAsync("staff@example.org");
        var clock = Stopwatch.StartNew();
        var response = await api.GetAsync(Agreement);
        output.WriteLine($"agreement served in {clock.Elapsed.TotalSeconds:F1} s while the batch printed");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        batch.IsCompleted.ShouldBeFalse("the request did not wait for the batch");
        renderer.FreePages(PdfPool.Jobs).ShouldBe(0);

        await stopBatch.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => batch);
        renderer.FreePages(PdfPool.Jobs).ShouldBe(1);
    }
}
