using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public partial class ShellTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Thai_is_the_default_whatever_the_browser_asks_and_English_is_one_click_away()
    {
        var client = _app.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var thai = await client.GetDocumentAsync("/Account/Login");
        thai.QuerySelector("h1")!.TextContent.ShouldBe("เข้าสู่ระบบ");
        // Buddhist-era year in the footer
        thai.QuerySelector("footer")!.TextContent.ShouldContain((DateTime.Now.Year + 543).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var switched = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>(), "form[action='/Culture']");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var english = await client.GetDocumentAsync("/Account/Login");
        english.QuerySelector("h1")!.TextContent.ShouldBe("Sign in");
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector("footer")!.TextContent.ShouldContain(DateTime.Now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The footer said the server's date (UTC): from 17:00 to midnight UTC it was yesterday in Thailand's eyes, a day
    /// behind the home page's own date just above it.
    /// </summary>
    [Fact]
    public async Task The_footer_date_is_today_in_Thailand_whatever_the_servers_clock()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 17, 30, 0, TimeSpan.Zero)); // 00:30 on 3 Dec in Bangkok
        await using var web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var page = await web.CreateClient().GetDocumentAsync("/Account/Login");
        page.QuerySelector("footer [data-testid=today]")!.TextContent.Trim().ShouldBe("3 ธันวาคม 2569");
    }

    /// <summary>Browsers ask for /favicon.ico on every page; it was a 404 logged after each sign-in.</summary>
    [Fact]
    public async Task The_portal_has_an_icon_at_the_address_browsers_ask_for_and_in_its_pages()
    {
        var client = _app.CreateBrowserClient();
        var ico = await client.GetAsync("/favicon.ico");
        ico.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        ico.Content.Headers.ContentType!.MediaType.ShouldBe("image/x-icon");
        (await ico.Content.ReadAsByteArrayAsync())[..4].ShouldBe(new byte[] { 0, 0, 1, 0 });
        var svg = await client.GetAsync("/favicon.svg");
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var page = await client.GetStringAsync("/Account/Login");
        page.ShouldContain("rel=\"icon\" href=\"/favicon.svg\"");
    }

    [Fact]
    public void Every_string_the_pages_ask_for_has_Thai_text()
    {
        var root = FindRepositoryRoot();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "Web"), "*.cs*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                     .Concat(Directory.EnumerateFiles(Path.Combine(root, "Jobs", "Email", "Templates"), "*.razor")))
            foreach (Match m in LocalizerKey().Matches(File.ReadAllText(file)))
                if (!m.Groups[1].Value.EndsWith(':')) keys.Add(m.Groups[1].Value.Replace("\\\"", "\""));
        var thai = ThaiStrings.Load();
        keys.Where(k => !thai.ContainsKey(k)).ShouldBeEmpty("every key needs Thai in Web/Resources/*.th.json");
        keys.Count.ShouldBeGreaterThan(50);
        // Keys that are codes rather than English ("Role:Admin") need English text too.
        var english = ThaiStrings.LoadEnglish();
        thai.Keys.Where(k => CodeKey().IsMatch(k) && !english.ContainsKey(k)).ShouldBeEmpty("code-like keys need English in Web/Resources/*.en.json");
    }

    [Fact]
    public async Task An_unhandled_error_shows_a_friendly_page_with_a_correlation_id_and_logs_the_details()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = _app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Logging:LogLevel:Default", "Information");
            b.ConfigureLogging(l => l.AddProvider(logs));
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ThrowingEndpoint()));
        });
        await _app.CreateUserAsync("boom@example.org", Roles.Staff);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsync("boom@example.org");
        var response = await client.GetAsync("/__boom");
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var doc = PageDriver.Parse(await response.Content.ReadAsStringAsync());
        var id = doc.QuerySelector("[data-testid=correlation-id]")!.TextContent.Trim();
        id.ShouldNotBeNullOrEmpty();
        doc.Body!.TextContent.ShouldNotContain("secret detail");
        logs.Messages.ShouldContain(m => m.Contains(id, StringComparison.Ordinal));
        logs.Exceptions.ShouldContain(e => e.Contains("secret detail", StringComparison.Ordinal));

        var api = await client.GetAsync("/api/v1/__boom");
        var apiBody = await api.Content.ReadAsStringAsync();
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", apiBody[..Math.Min(apiBody.Length, 300)]);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
        problem.ToString().ShouldNotContain("secret detail");
    }

    [Fact]
    public async Task Passwords_never_reach_the_log()
    {
        var logs = new CapturingLoggerProvider();
        await _app.CreateUserAsync("log@example.org", Roles.Staff);
        await using var app = _app.WithWebHostBuilder(b => b.UseSetting("Logging:LogLevel:Default", "Trace").ConfigureLogging(l => l.AddProvider(logs)));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsync("log@example.org", "Wrong-Secret-Zz9");
        await client.SignInAsync("log@example.org");
        logs.Messages.Count.ShouldBeGreaterThan(0);
        logs.Messages.ShouldNotContain(m => m.Contains("Wrong-Secret-Zz9", StringComparison.Ordinal) || m.Contains(PortalFactory.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_ins_survive_a_second_instance_because_keys_live_in_the_database()
    {
        await _app.CreateUserAsync("shared@example.org", Roles.Staff);
        var authCookie = await SignInCookieAsync(_app);
        (await _app.DbAsync(db => Task.FromResult(db.DataProtectionKeys.Count()))).ShouldBeGreaterThan(0, "the key ring is in the database");

        // A second app instance on the same database reads the same key ring and accepts the first one's cookie.
        await using var second = new PortalFactory(_app.ConnectionString);
        var client = second.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("Cookie", authCookie);
        (await client.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_create_admin_verb_creates_the_first_admin()
    {
        Environment.SetEnvironmentVariable("ADMIN_PASSWORD", "First-Admin-2563");
        try
        {
            var code = await CommandLine.RunAsync(CommandLine.Parse(["create-admin", "--email", "root@example.org"]), _app.Services);
            code.ShouldBe(0);
            (await CommandLine.RunAsync(CommandLine.Parse(["create-admin", "--email", "root@example.org"]), _app.Services)).ShouldBe(1, "not twice");
        }
        finally { Environment.SetEnvironmentVariable("ADMIN_PASSWORD", null); }
        var admin = _app.CreateBrowserClient();
        (await admin.SignInAsync("root@example.org", "First-Admin-2563")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/Jobs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Signs in through a client that does not keep cookies and returns the auth cookie from Set-Cookie
    /// (also used by the scaling test to carry a sign-in to another instance).</summary>
    internal static async Task<string> SignInCookieAsync(PortalFactory app, string email = "shared@example.org")
    {
        var raw = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await raw.GetAsync("/Account/Login");
        var antiforgeryCookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = PageDriver.Parse(await login.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = PortalFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await raw.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("pp.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPrograms.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"^[A-Za-z]+:[A-Za-z]+$")]
    private static partial Regex CodeKey();

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        // An API endpoint that throws. Set before routing, which then skips matching, so it runs inside the app's own
        // error handling like any endpoint (an unknown /api address no longer falls through to the end of the pipeline).
        private static readonly Endpoint ApiBoom = new(_ => throw new InvalidOperationException("secret detail"),
            new EndpointMetadataCollection(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()), "boom");

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, following) =>
            {
                if (ctx.Request.Path == "/api/v1/__boom") ctx.SetEndpoint(ApiBoom);
                return following(ctx);
            });
            next(app);
            // Reached only by requests no endpoint matched, inside the app's own error handling.
            app.Run(ctx => ctx.Request.Path.Value!.EndsWith("/__boom", StringComparison.Ordinal)
                ? throw new InvalidOperationException("secret detail")
                : Task.CompletedTask);
        };
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> MessagesQueue { get; } = new();
    public System.Collections.Concurrent.ConcurrentQueue<string> ExceptionsQueue { get; } = new();
    public IReadOnlyCollection<string> Messages => MessagesQueue.ToArray();
    public IReadOnlyCollection<string> Exceptions => ExceptionsQueue.ToArray();
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.MessagesQueue.Enqueue(formatter(state, exception));
            if (exception is not null) owner.ExceptionsQueue.Enqueue(exception.ToString());
        }
    }
}
