using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>Lockout, no user enumeration (answer and work done), single-use expiring reset/invitation links, rate limits.</summary>
public class SignInSecurityTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _short = null!;

    /// <summary>Counts password verifications, to show an unknown e-mail costs the same hash check as a wrong password.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        public static int Verifications;
        private readonly PasswordHasher<AppUser> _inner = new();
        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        // The counting hasher, and reset links that live 3 seconds instead of 3 days (to see one expire).
        _short = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
            s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(3));
        }));
        await _app.CreateUserAsync("known@example.org", Roles.Staff);
    }

    public async Task DisposeAsync()
    {
        await _short.DisposeAsync();
        await _app.DisposeAsync();
    }

    private HttpClient Browser() => _short.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<string> LoginErrorAsync(string email, string password)
    {
        var response = await Browser().SignInAsync(email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a failed sign-in stays on the page");
        return PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=login-error]")!.TextContent.Trim();
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_the_same_password_check_as_a_wrong_password_on_the_page_and_the_api()
    {
        var before = CountingHasher.Verifications;
        var wrong = await LoginErrorAsync("known@example.org", "Wrong-Password-1");
        var afterWrong = CountingHasher.Verifications;
        var unknown = await LoginErrorAsync("nobody@example.org", "Wrong-Password-1");
        var afterUnknown = CountingHasher.Verifications;
        unknown.ShouldBe(wrong);
        unknown.ShouldBe("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
        (afterWrong - before).ShouldBe(1, "a wrong password is one hash check");
        (afterUnknown - afterWrong).ShouldBe(1, "an unknown e-mail is one (dummy) hash check too");

        var api = _short.CreateClient();
        var wrongApi = await api.PostAsJsonAsync("/api/v1/auth/token", new { email = "known@example.org", password = "Wrong-Password-1" });
        var mid = CountingHasher.Verifications;
        var unknownApi = await api.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.org", password = "Wrong-Password-1" });
        (CountingHasher.Verifications - mid).ShouldBe(1, "the token endpoint also checks a dummy hash for an unknown e-mail");
        unknownApi.StatusCode.ShouldBe(wrongApi.StatusCode);
        (await unknownApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()
            .ShouldBe((await wrongApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // Forgot password: the same page for a known and an unknown address.
        var client = Browser();
        var known = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "known@example.org" });
        var ghost = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "ghost@example.org" });
        PageDriver.Parse(await ghost.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent
            .ShouldBe(PageDriver.Parse(await known.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_the_page_and_the_api()
    {
        await _app.CreateUserAsync("target@example.org", Roles.Partner, (await _app.CreateOrganizationAsync("ธนาคารทดสอบ")).Id);
        for (var i = 0; i < 5; i++) await LoginErrorAsync("target@example.org", "Wrong-Password-" + i);
        (await LoginErrorAsync("target@example.org", PortalFactory.Password)).ShouldContain("ล็อก", Case.Sensitive, "the right password no longer works");
        (await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "target@example.org", password = PortalFactory.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> ResetTokenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<(HttpStatusCode Status, string Errors)> UseLinkAsync(HttpClient browser, string email, string token, bool invite, string password)
    {
        var url = $"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}{(invite ? "&invite=true" : "")}";
        var response = await browser.SubmitFormAsync(url, new Dictionary<string, string> { ["Password"] = password, ["Confirm"] = password });
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent : "");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reset_and_invitation_links_work_once_and_expire_after_three_days(bool invite)
    {
        var email = $"link-{invite}@example.org".ToLowerInvariant();
        await _app.CreateUserAsync(email, Roles.Staff);
        var token = await ResetTokenAsync(_app, email);
        (await UseLinkAsync(_app.CreateBrowserClient(), email, token, invite, "First-Password-2567")).Status.ShouldBe(HttpStatusCode.Redirect, "the link sets the password");
        var again = await UseLinkAsync(_app.CreateBrowserClient(), email, token, invite, "Second-Password-2567");
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Errors.ShouldContain("ลิงก์นี้ใช้ไม่ได้หรือหมดอายุแล้ว", Case.Sensitive, "a used link is refused");
        (await _app.CreateBrowserClient().SignInAsync(email, "First-Password-2567")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the second use changed nothing");

        // Links live three days in the app; with a 3-second lifespan a link is refused once it is older than that.
        _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan.ShouldBe(TimeSpan.FromDays(3));
        var late = await ResetTokenAsync(_short, email);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var expired = await UseLinkAsync(Browser(), email, late, invite, "Third-Password-2567");
        expired.Errors.ShouldContain("ลิงก์นี้ใช้ไม่ได้หรือหมดอายุแล้ว", Case.Sensitive, "an expired link is refused");
    }

    [Fact]
    public async Task Sign_in_token_issue_and_public_verification_are_rate_limited_with_a_Thai_message()
    {
        await using var limited = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerMinute"] = "3",
            ["RateLimits:PublicPerMinute"] = "3",
        });
        var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "known@example.org", password = "Wrong-Password-1" })).StatusCode);
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "known@example.org", password = PortalFactory.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().ShouldBe("มีคำขอมากเกินไป");

        // The sign-in page shares the sign-in budget: it is spent, so the page answers 429 in Thai.
        var page = await client.GetAsync("/Account/Login");
        page.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        PageDriver.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("มีคำขอมากเกินไป");

        for (var i = 0; i < 3; i++) (await client.GetAsync("/verify/K7QF-3M9D-XA")).StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
        var verify = await client.GetAsync("/verify/K7QF-3M9D-XA");
        verify.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        PageDriver.Parse(await verify.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent.ShouldContain("กรุณารอสักครู่แล้วลองใหม่");
    }
}
