using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Tests.Certificates;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Reliability;

/// <summary>
/// The README's backup procedure, run: pg_dump -Fc of a portal's database with the machine's own pg_dump, pg_restore
/// into a new, empty server, the portal started on it: data, stored certificate PDFs, verification links, the
/// data-protection keys (a sign-in cookie from the old server still works) and the scheduler's tables all come back.
/// </summary>
public class BackupRestoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pp-backup-" + Guid.NewGuid().ToString("N")[..10]);
    private EmbeddedPostgres _source = null!;
    private EmbeddedPostgres? _target;
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _source = await EmbeddedPostgres.StartAsync(Path.Combine(_work, "source"), "pp_live");
        await Migrator.MigrateAsync(_source.ConnectionString("pp_live"));
        _app = new PortalFactory(_source.ConnectionString("pp_live"));
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _source.StopAsync();
        if (_target is not null) await _target.StopAsync();
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task RunAsync(EmbeddedPostgres server, string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["PGPASSWORD"] = server.Password; // the embedded server asks every connection for a password
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        p.ExitCode.ShouldBe(0, $"{Path.GetFileName(exe)}: {await stderr}");
    }

    private static async Task<Dictionary<string, long>> CountsAsync(string connectionString)
    {
        string[] tables = ["mous", "mou_parties", "mou_audit", "trainees", "enrollments", "certificates", "users", "data_protection_keys",
            "email_outbox", "reminder_log", "hangfire.job", "hangfire.hash"];
        await using var conn = new NpgsqlConnection(connectionString + ";Pooling=false");
        await conn.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var t in tables)
        {
            await using var cmd = new NpgsqlCommand($"select count(*) from {t}", conn);
            counts[t] = (long)(await cmd.ExecuteScalarAsync())!;
        }
        return counts;
    }

    [Fact]
    public async Task A_dump_restored_into_a_new_server_brings_back_the_data_the_PDFs_and_the_keys()
    {
        // Data: two MOUs with parties, a closed cohort with issued certificates (PDFs stored), a queued job.
        var foundation = await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation);
        var cdd = await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน");
        var api = await _app.ApiClientAsync("staff@example.org");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var code in new[] { "MOU-BAK-001", "MOU-BAK-002" })
            (await api.PostAsJsonAsync("/api/v1/mous", new
            {
                code,
                title = "ความร่วมมือ " + code,
                startDate = today,
                endDate = today.AddYears(1),
                parties = new[] { new { organizationId = foundation.Id, signatoryName = "นายสมชาย ใจดี" }, new { organizationId = cdd.Id, signatoryName = "นางบุญเรือน ศักดิ์ศรีเจริญ" } },
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var data = await _app.ClosedCohortAsync(completed: 4, notCompleted: 1);
        (await _app.IssueAllAsync(data.Cohort.Id)).Done.ShouldBe(4);
        var originals = await _app.CertificatesAsync(data.Cohort.Id);
        originals.Count.ShouldBe(4);
        var probeJobId = _app.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<IssueCertificatesJob>(j => j.RunAsync(0, CancellationToken.None), TimeSpan.FromDays(5 * 365));

        // A sign-in cookie made with the live server's data-protection keys.
        var authCookie = await CookieHeaderAsync("staff@example.org");

        var before = await CountsAsync(_source.ConnectionString("pp_live"));

        // The procedure of the README: pg_dump -Fc, then pg_restore into a new server's empty database.
        var dump = Path.Combine(_work, "partnerprograms.dump");
        await RunAsync(_source, _source.Tool("pg_dump"), "-h", "127.0.0.1", "-p", _source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", EmbeddedPostgres.DatabaseUser, "-d", "pp_live", "-Fc", "-f", dump);
        output.WriteLine($"dump {new FileInfo(dump).Length / 1024} KiB");
        _target = await EmbeddedPostgres.StartAsync(Path.Combine(_work, "restored"), "pp_restored");
        await RunAsync(_target, _target.Tool("pg_restore"), "-h", "127.0.0.1", "-p", _target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", EmbeddedPostgres.DatabaseUser, "-d", "pp_restored", "--no-owner", "--exit-on-error", dump);

        (await CountsAsync(_target.ConnectionString("pp_restored"))).ShouldBe(before);

        // The portal on the restored server: healthy (no migration pending), data there, PDFs intact, links valid.
        await using var restored = new PortalFactory(_target.ConnectionString("pp_restored"));
        var anonymous = restored.CreateBrowserClient();
        (await anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var restoredCertificates = await restored.CertificatesAsync(data.Cohort.Id);
        restoredCertificates.Select(c => c.Code).ShouldBe(originals.Select(c => c.Code));
        foreach (var (was, now) in originals.Zip(restoredCertificates))
        {
            now.Pdf.ShouldNotBeNull();
            Convert.ToHexStringLower(SHA256.HashData(now.Pdf)).ShouldBe(now.PdfSha256);
            now.PdfSha256.ShouldBe(was.PdfSha256);
            now.Pdf.ShouldBe(was.Pdf);
            var page = await anonymous.GetStringAsync("/verify/" + now.Code.Replace("-", "", StringComparison.Ordinal));
            var doc = PageDriver.Parse(page);
            doc.QuerySelector("[data-testid=verify-result]")!.GetAttribute("data-status").ShouldBe("valid");
            doc.QuerySelector("[data-testid=holder]")!.TextContent.ShouldBe(now.HolderName);
        }
        var pdfText = await Tools.PdfTextAsync(restoredCertificates[0].Pdf!);
        pdfText.ShouldContain(restoredCertificates[0].Code);

        // Staff sign in again with their password, and the old cookie is still accepted (keys restored).
        var restoredApi = await restored.ApiClientAsync("staff@example.org");
        var mous = await restoredApi.GetFromJsonAsync<JsonElement>("/api/v1/mous");
        mous.GetProperty("total").GetInt32().ShouldBe(2);
        var withOldCookie = restored.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        withOldCookie.DefaultRequestHeaders.Add("Cookie", authCookie);
        (await withOldCookie.GetAsync("/Mous")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The job store came back too: the scheduled job is there, still scheduled, and so are the recurring jobs.
        using var jobs = restored.Services.GetRequiredService<JobStorage>().GetConnection();
        jobs.GetJobData(probeJobId)!.State.ShouldBe("Scheduled");
        Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(jobs).Select(j => j.Id).ShouldBe(PartnerPrograms.Jobs.Scheduling.RecurringJobs.Ids, ignoreOrder: true);
    }

    /// <summary>Signs in on the live portal and returns the auth cookie as a Cookie header value.</summary>
    private async Task<string> CookieHeaderAsync(string email)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/Account/Login");
        var antiforgeryCookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var doc = PageDriver.Parse(await form.Content.ReadAsStringAsync());
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = PortalFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies));
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("pp.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
    }
}
