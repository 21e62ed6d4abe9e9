using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// README.md's production steps on loopback: the Release build published into a folder, the environment file made from
/// deploy/partnerprograms.env.example, two web instances and the job server run as deploy/systemd's units say
/// (Production, their environment, SIGTERM and the stop timeout), the first admin made with create-admin, one
/// PostgreSQL, and Debian's nginx in front with deploy/nginx/partnerprograms.conf over TLS. Clients connect from
/// different loopback addresses, so nginx forwards a different client address for each.
/// </summary>
public class DeploymentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "admin@portal.test";
    private const int SignInPerMinute = 3;
    private readonly string _adminPassword = "Deploy-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)) + "-Q7";
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"pp-deploy-{Guid.NewGuid():N}"[..22]);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<PublishedInstance> _instances = [];
    private string _connectionString = "";
    private string _mail = "";
    private NginxProxy _nginx = null!;
    private PublishedInstance _web1 = null!, _web2 = null!, _jobs = null!;
    private Uri _https = null!;

    public async Task InitializeAsync()
    {
        try { await StartAsync(); }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a class whose start failed: no process may outlive the test
            throw;
        }
    }

    private async Task StartAsync()
    {
        var app = Path.Combine(_work, "opt", "partnerprograms");
        output.WriteLine($"published (dotnet publish -c Release) in {(await PublishedBuild.PublishAsync(app)).TotalSeconds:0} s");
        var logs = Directory.CreateDirectory(Path.Combine(_work, "log")).FullName;
        _mail = Path.Combine(_work, "state", "mail");
        _connectionString = await TestDatabase.CreateAsync();
        _nginx = new NginxProxy(Path.Combine(_work, "nginx"));
        _https = new Uri($"https://{NginxProxy.HostName}:{_nginx.HttpsPort}");

        // The environment file as the operator fills it in: generated secrets (never the development or test keys).
        var env = EnvironmentFile.Template()
            .Set("ConnectionStrings__Default", _connectionString)
            .Set("App__PublicBaseUrl", _https.ToString().TrimEnd('/'))
            .Set("Pdpa__NationalIdKeys__1", RandomKey())
            .Set("Pdpa__LookupKey", RandomKey())
            .Set("DataProtection__KeyEncryptionKey", RandomKey())
            .Set("Mail__PickupDirectory", _mail)
            .Set("EmbeddedPostgres__DataDirectory", Path.Combine(_work, "state", "postgres"))
            .Set("Backup__Directory", Path.Combine(_work, "state", "backups"))
            .Set("RateLimits__SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var envPath = Path.Combine(_work, "partnerprograms.env");
        env.WriteTo(envPath);
        var values = env.Values();

        var webUnit = SystemdUnit.Load("partnerprograms-web@.service");
        var jobsUnit = SystemdUnit.Load("partnerprograms-jobs.service");
        int web1 = NginxProxy.FreePort(), web2 = NginxProxy.FreePort(), jobs = NginxProxy.FreePort();

        // Upgrade order from the README: one instance first (it applies the migrations), then the others.
        _web1 = Track(PublishedInstance.Start(webUnit, $"{web1}", web1, app, values, logs));
        await _web1.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        _web2 = Track(PublishedInstance.Start(webUnit, $"{web2}", web2, app, values, logs));
        _jobs = Track(PublishedInstance.Start(jobsUnit, null, jobs, app, values, logs));
        var admin = CreateAdminAsync(app, envPath);
        await Task.WhenAll(_web2.WaitHealthyAsync(TimeSpan.FromMinutes(3)), _jobs.WaitHealthyAsync(TimeSpan.FromMinutes(3)), admin);
        await _nginx.StartAsync([web1, web2]);
        output.WriteLine($"running behind nginx after {_clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task Behind_nginx_users_stay_signed_in_across_instances_limits_count_each_client_health_answers_and_the_job_server_sends_mail()
    {
        await HealthAnswersThroughTheProxyOverTlsAsync();
        await AUserStaysSignedInOnBothInstancesAsync();
        await TheSignInLimitCountsEachForwardedClientAsync();
        await TheJobServerAloneRunsJobsAsync();
        await EveryUnitStopsCleanlyOnSigtermWithinItsTimeoutAsync();
        output.WriteLine($"done after {_clock.Elapsed.TotalSeconds:0} s");
    }

    private async Task HealthAnswersThroughTheProxyOverTlsAsync()
    {
        using var client = Client("127.0.0.6");
        var health = await client.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("healthy");
        health.Headers.TryGetValues("Strict-Transport-Security", out var hsts).ShouldBeTrue("HSTS on HTTPS in production");
        hsts!.Single().ShouldStartWith("max-age=");

        // X-Forwarded-Proto: the portal's own redirects say https.
        var anonymous = await client.GetAsync("/Mous");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldStartWith($"https://{NginxProxy.HostName}/Account/Login");

        using var plain = LoopbackClient.Create(IPAddress.Parse("127.0.0.6"), new Uri($"http://{NginxProxy.HostName}:{_nginx.HttpPort}"), _nginx.Certificate);
        var redirect = await plain.GetAsync("/health");
        redirect.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        redirect.Headers.Location!.ToString().ShouldBe($"https://{NginxProxy.HostName}/health");
    }

    private async Task AUserStaysSignedInOnBothInstancesAsync()
    {
        var jar = new CookieContainer();
        using var browser = LoopbackClient.Create(IPAddress.Parse("127.0.0.4"), _https, _nginx.Certificate, jar);
        (await browser.SignInAsync(AdminEmail, _adminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "signed in");
        var cookies = jar.GetAllCookies();
        cookies.Select(c => c.Name).ShouldContain("pp.auth");
        cookies.ShouldAllBe(c => c.Secure, "every cookie is Secure-only in production");

        for (var i = 0; i < 6; i++) (await browser.GetAsync("/Admin/Users")).StatusCode.ShouldBe(HttpStatusCode.OK, $"admin page, request {i + 1}");
        var served = (await _nginx.RequestsAsync()).Where(r => r.Client == "127.0.0.4" && r.Path == "/Admin/Users").ToList();
        served.Count.ShouldBe(6);
        served.Select(r => r.Upstream).Distinct().Order().ShouldBe(new[] { $"127.0.0.1:{_web1.Port}", $"127.0.0.1:{_web2.Port}" }.Order(),
            "nginx alternated between the two instances and both accepted the sign-in");
    }

    private async Task TheSignInLimitCountsEachForwardedClientAsync()
    {
        // Client A spends its budget on both instances (each counts per client), whatever X-Forwarded-For it sends itself.
        using var a = Client("127.0.0.2");
        var sent = 0;
        HttpStatusCode status;
        do
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            { Content = JsonContent.Create(new { email = "nobody@portal.test", password = "Wrong-Password-2567" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{++sent}");
            status = (await a.SendAsync(request)).StatusCode;
        }
        while (status == HttpStatusCode.Unauthorized && sent < 4 * SignInPerMinute);
        status.ShouldBe(HttpStatusCode.TooManyRequests, $"client A refused after {sent} attempts");

        // Client B, behind the same nginx, has its own budget on both instances.
        using var b = Client("127.0.0.3");
        for (var i = 0; i < 2; i++)
            (await b.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@portal.test", password = "Wrong-Password-2567" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "client B is not limited by client A's attempts");
        output.WriteLine($"client A limited after {sent} attempts; client B not limited");
    }

    private async Task TheJobServerAloneRunsJobsAsync()
    {
        using var client = LoopbackClient.Create(IPAddress.Parse("127.0.0.5"), _https, _nginx.Certificate, new CookieContainer());
        var asked = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = AdminEmail });
        ((int)asked.StatusCode).ShouldBeLessThan(400);

        // Queued by a web instance, sent by the job server's outbox job (every 20 s) as an .eml file.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string? eml = null;
        while (eml is null && DateTime.UtcNow < deadline)
        {
            eml = Directory.Exists(_mail)
                ? Directory.GetFiles(_mail, "*.eml").Select(File.ReadAllText).FirstOrDefault(t => t.Contains(AdminEmail, StringComparison.OrdinalIgnoreCase))
                : null;
            if (eml is null) await Task.Delay(1000);
        }
        eml.ShouldNotBeNull($"no e-mail to {AdminEmail} in {_mail} after 2 minutes; job server log:\n{_jobs.Tail()}");

        await using var db = new NpgsqlConnection(_connectionString);
        await db.OpenAsync();
        await using var servers = new NpgsqlCommand("select id from hangfire.server", db);
        var ids = new List<string>();
        await using (var reader = await servers.ExecuteReaderAsync()) while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => id.Contains($":{_jobs.ProcessId}:"), "only partnerprograms-jobs runs Hangfire servers (Jobs__Server=false on the web units)");
    }

    private async Task EveryUnitStopsCleanlyOnSigtermWithinItsTimeoutAsync()
    {
        var timeout = TimeSpan.FromSeconds(int.Parse(SystemdUnit.Load("partnerprograms-web@.service").Single("TimeoutStopSec"), System.Globalization.CultureInfo.InvariantCulture));
        var stops = await Task.WhenAll(_instances.Select(i => i.StopAsync(timeout)));
        for (var i = 0; i < stops.Length; i++) stops[i].ShouldBe(0, $"{_instances[i].Name} exits with 0 on SIGTERM within {timeout.TotalSeconds} s:\n{_instances[i].Tail()}");
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        _instances.Clear();
        if (_nginx is not null) await _nginx.DisposeAsync();
        // The logs stay for people to read (git-ignored); the rest goes.
        if (!Directory.Exists(_work)) return;
        var keep = Path.Combine(Tools.ArtifactsDirectory(), "deployment");
        if (Directory.Exists(keep)) Directory.Delete(keep, recursive: true);
        Directory.CreateDirectory(keep);
        foreach (var log in Directory.EnumerateFiles(_work, "*.log", SearchOption.AllDirectories))
            File.Copy(log, Path.Combine(keep, Path.GetFileName(log)), overwrite: true);
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>README.md's first-admin command: the environment file sourced by the shell, then the published DLL's verb.</summary>
    private async Task CreateAdminAsync(string app, string envPath)
    {
        var (exitCode, text) = await Command.RunAsync("bash",
            ["-c", "set -a; . \"$0\"; set +a; cd \"$1\" && ASPNETCORE_ENVIRONMENT=Production exec dotnet PartnerPrograms.Web.dll create-admin --email \"$2\"",
             envPath, app, AdminEmail],
            new Dictionary<string, string> { ["ADMIN_PASSWORD"] = _adminPassword }, timeout: TimeSpan.FromMinutes(3));
        exitCode.ShouldBe(0, "create-admin:\n" + text);
    }

    private HttpClient Client(string local) => LoopbackClient.Create(IPAddress.Parse(local), _https, _nginx.Certificate);

    private PublishedInstance Track(PublishedInstance instance)
    {
        _instances.Add(instance);
        return instance;
    }

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
