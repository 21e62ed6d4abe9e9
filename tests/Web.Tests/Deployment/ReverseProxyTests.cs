using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// The portal behind a reverse proxy. Each request is given the TCP peer address it would have on a real server
/// (TestServer lets the test set it), so "from nginx on loopback", "from the configured proxy" and "straight from someone
/// on the internet" are told apart exactly as the forwarded-headers middleware sees them.
/// </summary>
public class ReverseProxyTests : IAsyncLifetime
{
    private const string Email = "proxy-staff@example.org";
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        await _app.CreateUserAsync(Email, Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Behind_a_configured_proxy_the_sign_in_limit_counts_each_forwarded_client_and_other_peers_cannot_pick_an_address()
    {
        await using var app = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerMinute"] = "3",
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, 10.0.0.6",   // one variable, comma-separated
            ["ForwardedHeaders:KnownNetworks:0"] = "172.16.0.0/12",     // or an array
        });

        // Client A behind the proxy spends its budget; client B behind the same proxy still has its own.
        (await TokenStatusesAsync(app, "10.0.0.5", "198.51.100.1", 4)).ShouldBe(
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        (await TokenStatusesAsync(app, "10.0.0.5", "198.51.100.2", 1)).Single().ShouldBe(HttpStatusCode.Unauthorized, "another client behind the same proxy");

        // Only the address the proxy appended counts: client A cannot get a new budget by writing another address first,
        // and a proxy of the configured network is believed too.
        (await TokenStatusesAsync(app, "172.20.1.1", "203.0.113.50, 198.51.100.1", 1)).ShouldBe(new[] { HttpStatusCode.TooManyRequests });

        // A peer that is not a trusted proxy is counted as itself, whatever X-Forwarded-For says.
        var direct = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) direct.AddRange(await TokenStatusesAsync(app, "192.0.2.9", $"198.51.100.{10 + i}", 1));
        direct.ShouldBe(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        // Loopback is no longer trusted once proxies are configured: its header is ignored too.
        (await TokenStatusesAsync(app, "127.0.0.1", "198.51.100.2", 4)).Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await TokenStatusesAsync(app, "10.0.0.6", "198.51.100.2", 1)).Single().ShouldBe(HttpStatusCode.Unauthorized, "client B's budget was untouched");
    }

    [Fact]
    public async Task From_nginx_on_loopback_https_makes_redirects_https_cookies_secure_and_sends_HSTS_and_from_elsewhere_it_does_not()
    {
        // Loopback is the trusted proxy by default: the limit counts the forwarded clients.
        (await TokenStatusesAsync(_app, "127.0.0.1", "198.51.100.7", 4)).Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await TokenStatusesAsync(_app, "::1", "198.51.100.8", 1)).ShouldBe(new[] { HttpStatusCode.Unauthorized });

        var proxied = new Proxy("127.0.0.1", "198.51.100.9", "https", "portal.example.org");
        var redirect = await SendAsync(_app, proxied, HttpMethod.Get, "/Mous");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().ShouldStartWith("https://portal.example.org/Account/Login");
        Hsts(redirect).ShouldBe("max-age=15552000");

        var cookies = await SignInCookiesAsync(_app, proxied);
        cookies.Keys.ShouldBe(new[] { "antiforgery", "culture", "auth" }, ignoreOrder: true);
        cookies.Values.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        // The same headers from a peer that is not a proxy change nothing.
        var spoofed = proxied with { Peer = "203.0.113.7" };
        var plain = await SendAsync(_app, spoofed, HttpMethod.Get, "/Mous");
        plain.Headers.Location!.ToString().ShouldStartWith("http://localhost/Account/Login");
        Hsts(plain).ShouldBeNull();
        (await SignInCookiesAsync(_app, spoofed)).Values.ShouldAllBe(c => !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task In_production_HSTS_is_sent_over_https_and_every_cookie_is_secure_even_over_plain_http()
    {
        await using var production = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?>
        {
            ["Pdpa:NationalIdKeys:1"] = RandomKey(),
            ["Pdpa:LookupKey"] = RandomKey(),
            ["DataProtection:KeyEncryptionKey"] = RandomKey(),
        });
        var app = production.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var https = await SendAsync(app, new Proxy("127.0.0.1", "198.51.100.20", "https", "portal.example.org"), HttpMethod.Get, "/health");
        https.StatusCode.ShouldBe(HttpStatusCode.OK);
        Hsts(https).ShouldBe("max-age=15552000");

        // A request that reached the portal without TLS (a misconfigured proxy): the cookies still go out Secure-only.
        var cookies = await SignInCookiesAsync(app, new Proxy("198.51.100.21", null, null, null));
        cookies.Keys.ShouldBe(new[] { "antiforgery", "culture", "auth" }, ignoreOrder: true);
        cookies.Values.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    private sealed record Proxy(string Peer, string? ForwardedFor, string? Proto, string? Host);

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<List<HttpStatusCode>> TokenStatusesAsync(WebApplicationFactory<Program> app, string peer, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
            statuses.Add((await SendAsync(app, new Proxy(peer, forwardedFor, null, null), HttpMethod.Post, "/api/v1/auth/token",
                JsonContent.Create(new { email = "nobody@example.org", password = "Wrong-Password-2567" }))).StatusCode);
        return statuses;
    }

    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> app, Proxy proxy, HttpMethod method, string path,
        HttpContent? content = null, string? cookie = null)
    {
        using var client = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(proxy.Peer)))
        { BaseAddress = new Uri("http://localhost") };
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (proxy.ForwardedFor is not null) request.Headers.Add("X-Forwarded-For", proxy.ForwardedFor);
        if (proxy.Proto is not null) request.Headers.Add("X-Forwarded-Proto", proxy.Proto);
        if (proxy.Host is not null) request.Headers.Add("X-Forwarded-Host", proxy.Host);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// What a browser gets when it opens the sign-in page, switches the language and signs in: the Set-Cookie header of
    /// the antiforgery, language and sign-in cookies, by kind.
    /// </summary>
    private static async Task<Dictionary<string, string>> SignInCookiesAsync(WebApplicationFactory<Program> app, Proxy proxy)
    {
        var found = new Dictionary<string, string>();
        var page = await SendAsync(app, proxy, HttpMethod.Get, "/Account/Login");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var antiforgery = SetCookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        found["antiforgery"] = antiforgery;
        var jar = antiforgery.Split(';')[0];
        var token = PageDriver.Parse(await page.Content.ReadAsStringAsync())
            .QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var culture = await SendAsync(app, proxy, HttpMethod.Post, "/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["culture"] = "en-GB", ["__RequestVerificationToken"] = token }), jar);
        culture.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        found["culture"] = SetCookies(culture).Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        var signIn = await SendAsync(app, proxy, HttpMethod.Post, "/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["Input.Email"] = Email, ["Input.Password"] = PortalFactory.Password, ["__RequestVerificationToken"] = token }), jar);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, "signed in");
        found["auth"] = SetCookies(signIn).Single(c => c.StartsWith("pp.auth=", StringComparison.Ordinal));
        return found;
    }

    private static string? Hsts(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
