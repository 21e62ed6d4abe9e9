using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Lockout per account and client address: someone failing on purpose from one address cannot keep a known admin out,
/// the account-wide lock stays as a backstop at a much higher count, and the sign-in rate limit counts per client.
/// Requests carry their client address through <see cref="TestClientAddress"/>; time moves with a test clock.
/// </summary>
public class ClientLockoutSignInTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.66";
    private const string Office = "198.51.100.7";
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _app = null!;
    private WebApplicationFactory<Program> _web = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddTransient<IStartupFilter, TestClientAddress>();
        }));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _app.DisposeAsync();
    }

    private HttpClient Browser(string address) =>
        TestClientAddress.From(_web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), address);

    private Task<HttpResponseMessage> TokenAsync(string address, string email, string password) =>
        TestClientAddress.From(_web.CreateClient(), address).PostAsJsonAsync("/api/v1/auth/token", new { email, password });

    private static async Task<string?> LoginErrorAsync(HttpResponseMessage response) =>
        PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=login-error]")?.TextContent.Trim();

    private Task<AppUser> StoredAsync(string email) => _app.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!);

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_while_the_admin_signs_in_from_another()
    {
        await _app.CreateUserAsync("admin@example.org", Roles.Admin);
        for (var i = 0; i < 5; i++)
            (await Browser(Attacker).SignInAsync("admin@example.org", "Guess-Number-" + i)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // From the attacker's address even the right password is refused, on the page and the API.
        var page = await Browser(Attacker).SignInAsync("admin@example.org", PortalFactory.Password);
        page.StatusCode.ShouldBe(HttpStatusCode.OK, "no sign-in from the locked address");
        (await LoginErrorAsync(page))!.ShouldContain("ล็อก");
        var api = await TokenAsync(Attacker, "admin@example.org", PortalFactory.Password);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Content.ReadAsStringAsync()).ShouldContain("locked");

        // The admin at the office is not locked out: the page and the API both let them in.
        var office = await Browser(Office).SignInAsync("admin@example.org", PortalFactory.Password);
        office.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        office.Headers.Location!.ToString().ShouldBe("/");
        (await TokenAsync(Office, "admin@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync("admin@example.org")).LockoutEnd.ShouldBeNull("the account itself is not locked");

        // Another IPv6 address in the attacker's /64 is the same client.
        (await TokenAsync("2001:db8:66:1::1", "admin@example.org", "Guess-v6-0")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        for (var i = 1; i < 5; i++) await TokenAsync("2001:db8:66:1::" + (i + 1), "admin@example.org", "Guess-v6-" + i);
        (await TokenAsync("2001:db8:66:1:ffff::9", "admin@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The lock lasts 15 minutes.
        _clock.Advance(TimeSpan.FromMinutes(16));
        (await Browser(Attacker).SignInAsync("admin@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Failures_from_many_addresses_lock_the_account_itself_at_a_much_higher_count()
    {
        await _app.CreateUserAsync("target@example.org", Roles.Staff);
        // Ten addresses, five failures each: each address is locked after its fifth, and the fiftieth failure overall
        // locks the account.
        for (var a = 1; a <= 10; a++)
            for (var i = 0; i < 5; i++)
                (await TokenAsync($"192.0.2.{a}", "target@example.org", $"Wrong-{a}-{i}-password")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var stored = await StoredAsync("target@example.org");
        stored.LockoutEnd.ShouldNotBeNull();
        // Identity's own lock, for its usual 15 minutes (its expiry is Identity's, on the system clock).
        stored.LockoutEnd!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        stored.AccessFailedCount.ShouldBe(0, "Identity resets its count when it locks");

        var office = await Browser(Office).SignInAsync("target@example.org", PortalFactory.Password);
        office.StatusCode.ShouldBe(HttpStatusCode.OK, "the backstop locks the account for everyone");
        (await LoginErrorAsync(office))!.ShouldContain("ล็อก");
    }

    [Fact]
    public async Task Failures_from_fewer_addresses_than_the_backstop_needs_leave_the_account_open()
    {
        await _app.CreateUserAsync("known@example.org", Roles.Admin);
        for (var a = 1; a <= 9; a++)
            for (var i = 0; i < 5; i++)
                await TokenAsync($"192.0.2.{a}", "known@example.org", $"Wrong-{a}-{i}-password");
        (await StoredAsync("known@example.org")).LockoutEnd.ShouldBeNull();
        (await Browser(Office).SignInAsync("known@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Four_failures_then_the_right_password_signs_in_and_the_count_starts_again()
    {
        await _app.CreateUserAsync("typo@example.org", Roles.Partner, (await _app.CreateOrganizationAsync("ธนาคารออมสิน")).Id);
        for (var i = 0; i < 4; i++) await TokenAsync(Office, "typo@example.org", "Typo-password-" + i);
        (await TokenAsync(Office, "typo@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++) await TokenAsync(Office, "typo@example.org", "Typo-again-" + i);
        (await TokenAsync(Office, "typo@example.org", PortalFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "a success forgets the failures");
    }

    [Fact]
    public async Task The_sign_in_rate_limit_counts_each_client_address_on_its_own()
    {
        await _app.CreateUserAsync("busy@example.org", Roles.Staff);
        await using var limited = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        await using var web = limited.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, TestClientAddress>()));
        Task<HttpResponseMessage> Token(string address) =>
            TestClientAddress.From(web.CreateClient(), address).PostAsJsonAsync("/api/v1/auth/token", new { email = "busy@example.org", password = "Wrong-password-1" });
        for (var i = 0; i < 3; i++) (await Token(Attacker)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Token(Attacker)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Token(Office)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another address has its own budget");
    }
}
