using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class SignInTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Staff_signs_in_and_sees_their_name_and_role_in_Thai()
    {
        await _app.CreateUserAsync("somchai@example.org", Roles.Staff, name: "สมชาย ใจงาม");
        var client = _app.CreateBrowserClient();
        var response = await client.SignInAsync("somchai@example.org");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        var home = await client.GetDocumentAsync("/");
        home.QuerySelector("[data-testid=profile-link]")!.TextContent.ShouldContain("สมชาย ใจงาม");
        home.QuerySelector("[data-testid=role-badge]")!.TextContent.Trim().ShouldBe("เจ้าหน้าที่มูลนิธิ");
        home.DocumentElement.GetAttribute("lang").ShouldBe("th");
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        await _app.CreateUserAsync("known@example.org", Roles.Staff);
        var client = _app.CreateBrowserClient();
        var wrong = PageDriver.Parse(await (await client.SignInAsync("known@example.org", "Not-The-Password-1")).Content.ReadAsStringAsync());
        var unknown = PageDriver.Parse(await (await client.SignInAsync("nobody@example.org", "Not-The-Password-1")).Content.ReadAsStringAsync());
        wrong.QuerySelector("[data-testid=login-error]")!.TextContent.ShouldBe("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
        unknown.QuerySelector("[data-testid=login-error]")!.TextContent.ShouldBe(wrong.QuerySelector("[data-testid=login-error]")!.TextContent);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await _app.CreateUserAsync("target@example.org", Roles.Partner, (await _app.CreateOrganizationAsync("ธนาคารออมสิน")).Id);
        var client = _app.CreateBrowserClient();
        for (var i = 0; i < 5; i++) await client.SignInAsync("target@example.org", "Wrong-Password-" + i);
        var response = await client.SignInAsync("target@example.org");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PageDriver.Parse(await response.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-testid=login-error]")!.TextContent.ShouldContain("ล็อก");
        // the API counts towards the same lockout
        var api = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "target@example.org", password = PortalFactory.Password });
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Content.ReadAsStringAsync()).ShouldContain("locked");
    }

    [Fact]
    public async Task Failed_api_attempts_lock_the_page_sign_in_too()
    {
        await _app.CreateUserAsync("api@example.org", Roles.Staff);
        var api = _app.CreateClient();
        for (var i = 0; i < 5; i++)
            (await api.PostAsJsonAsync("/api/v1/auth/token", new { email = "api@example.org", password = "bad-" + i })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var response = await _app.CreateBrowserClient().SignInAsync("api@example.org");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a locked account stays on the sign-in page");
    }

    [Fact]
    public async Task A_disabled_user_is_refused_and_their_session_ends()
    {
        var user = await _app.CreateUserAsync("leaver@example.org", Roles.Staff);
        await _app.CreateUserAsync("boss@example.org", Roles.Admin);
        var leaver = await _app.SignedInClientAsync("leaver@example.org");
        (await leaver.GetAsync("/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await _app.SignedInClientAsync("boss@example.org");
        var save = await admin.SubmitFormAsync($"/Admin/Users/Edit?id={user.Id}", new Dictionary<string, string>
        {
            ["Input.Disabled"] = "true",
        });
        save.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await _app.CreateBrowserClient().SignInAsync("leaver@example.org")).StatusCode.ShouldBe(HttpStatusCode.OK, "no sign-in for a disabled user");
        // The cookie the leaver still holds is checked against the changed security stamp.
        await _app.InScopeAsync(async sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>();
            options.Value.ValidationInterval.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            stored!.SecurityStamp.ShouldNotBe(user.SecurityStamp);
            stored.IsDisabled.ShouldBeTrue();
        });
    }

    [Fact]
    public async Task Password_policy_refuses_weak_passwords()
    {
        await _app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(new AppUser { UserName = "weak@example.org", Email = "weak@example.org" }, "password");
            result.Succeeded.ShouldBeFalse();
            result.Errors.Select(e => e.Code).ShouldContain("PasswordTooShort");
        });
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        await _app.CreateUserAsync("csrf@example.org", Roles.Staff);
        var client = _app.CreateBrowserClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "csrf@example.org",
            ["Input.Password"] = PortalFactory.Password,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
