using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Passwords of at least 12 characters that are not on the shipped list of common and breached passwords, said in
/// Thai on the page that sets them; and a new password ends the old one's reach: API tokens revoked, other sessions
/// signed out.
/// </summary>
public class PasswordPolicyTests : IAsyncLifetime
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _app = null!;
    private WebApplicationFactory<Program> _web = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _app.DisposeAsync();
    }

    private HttpClient Browser() => _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<string> ResetLinkAsync(string email)
    {
        await using var scope = _web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
        return $"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";
    }

    /// <summary>Sets a password through the reset page as the user would; the status and the page's error list.</summary>
    private async Task<(HttpStatusCode Status, string Errors)> SetPasswordAsync(string email, string password)
    {
        var response = await Browser().SubmitFormAsync(await ResetLinkAsync(email), new Dictionary<string, string> { ["Password"] = password, ["Confirm"] = password });
        var errors = response.StatusCode == HttpStatusCode.OK
            ? PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=reset-errors]")?.TextContent.Trim() ?? ""
            : "";
        return (response.StatusCode, errors);
    }

    [Theory]
    [InlineData("Short-pw-25", "รหัสผ่านต้องยาวอย่างน้อย 12 ตัวอักษร")]
    [InlineData("password1234", "เดาได้ง่าย")]
    [InlineData("qwertyuiop12", "เดาได้ง่าย")]
    [InlineData("123456789012", "เดาได้ง่าย")]
    [InlineData("Sunshine2567!", "เดาได้ง่าย")]
    [InlineData("bangkok12345", "เดาได้ง่าย")]
    [InlineData("สวัสดีครับ2567", "เดาได้ง่าย")]
    [InlineData("aaaaaaaaaaaa", "ตัวอักษรที่ไม่ซ้ำกัน")]
    public async Task A_short_or_common_password_is_refused_with_a_Thai_reason_and_the_old_one_still_works(string password, string reason)
    {
        var email = $"weak-{Guid.NewGuid():N}@example.org";
        await _app.CreateUserAsync(email, Roles.Staff);
        var (status, errors) = await SetPasswordAsync(email, password);
        status.ShouldBe(HttpStatusCode.OK, "the page stays, with the reason");
        errors.ShouldContain(reason);
        (await Browser().SignInAsync(email)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "nothing changed");
    }

    [Theory]
    [InlineData("ลิงกินกล้วยใต้ต้นมะม่วง")]
    [InlineData("correct horse battery staple")]
    [InlineData("Kong-Tun-2563x")]
    public async Task A_long_uncommon_password_is_accepted_without_rules_about_character_kinds(string password)
    {
        var email = $"good-{Guid.NewGuid():N}@example.org";
        await _app.CreateUserAsync(email, Roles.Staff);
        (await SetPasswordAsync(email, password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await Browser().SignInAsync(email, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_demo_and_test_passwords_pass_the_policy_and_the_shipped_list_is_loaded_with_its_licence()
    {
        var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(PortalProcess.RepositoryRoot(), "Web", "appsettings.Development.json")));
        var demo = settings.RootElement.GetProperty("Demo").GetProperty("Password").GetString()!;
        (await File.ReadAllTextAsync(Path.Combine(PortalProcess.RepositoryRoot(), "README.md"))).ShouldContain($"`{demo}`", customMessage: "the README names the demo password");
        await _app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var password in new[] { demo, PortalFactory.Password, "Demo-Browser-2563", "First-Admin-2563", "Soak-Password-2569" })
                foreach (var validator in users.PasswordValidators)
                    (await validator.ValidateAsync(users, new AppUser(), password)).Succeeded.ShouldBeTrue(password);
        });
        CommonPasswordValidator.Dictionary.Count.ShouldBeInRange(10_000, 100_000);
        var folder = Path.Combine(PortalProcess.RepositoryRoot(), "Web", "Infrastructure", "Passwords");
        (await File.ReadAllTextAsync(Path.Combine(folder, "LICENSE-common-passwords.txt"))).ShouldContain("MIT");
    }

    [Fact]
    public async Task A_password_reset_revokes_the_users_api_tokens_and_signs_out_their_other_sessions()
    {
        await _app.CreateUserAsync("victim@example.org", Roles.Staff);
        // What someone holding the old password kept: a token and a signed-in browser.
        var tokenResponse = await _web.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "victim@example.org", password = PortalFactory.Password });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var api = _web.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var session = Browser();
        (await session.SignInAsync("victim@example.org")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await session.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The real owner resets the password from the e-mailed link.
        (await SetPasswordAsync("victim@example.org", "A-new-sentence-for-2568")).Status.ShouldBe(HttpStatusCode.Redirect);

        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token is revoked at once");
        (await _app.DbAsync(db => db.ApiTokens.Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == "victim@example.org")).AllAsync(t => t.RevokedAt != null)))
            .ShouldBeTrue();
        // The old session ends at its next security-stamp check (at most a minute).
        _clock.Advance(TimeSpan.FromMinutes(2));
        var after = await session.GetAsync("/Profile");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await Browser().SignInAsync("victim@example.org", "A-new-sentence-for-2568")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Changing_a_password_through_identity_revokes_the_tokens_too()
    {
        var user = await _app.CreateUserAsync("changer@example.org", Roles.Partner, (await _app.CreateOrganizationAsync("ธนาคารออมสิน")).Id);
        (await _web.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "changer@example.org", password = PortalFactory.Password })).EnsureSuccessStatusCode();
        await _app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            (await users.ChangePasswordAsync((await users.FindByIdAsync(user.Id.ToString()))!, PortalFactory.Password, "Another-long-phrase-2568")).Succeeded.ShouldBeTrue();
        });
        (await _app.DbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.RevokedAt).ToListAsync())).ShouldAllBe(r => r != null);
    }
}
