using System.Net;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class AccessTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        var org = await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน");
        await _app.CreateUserAsync("admin@example.org", Roles.Admin);
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        await _app.CreateUserAsync("partner@example.org", Roles.Partner, org.Id);
        await _app.CreateUserAsync("participant@example.org", Roles.Participant);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/Jobs")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Users/Invite")]
    [InlineData("/Admin/Outbox")]
    public async Task Admin_pages_send_anonymous_users_to_sign_in_and_refuse_other_roles(string page)
    {
        var anonymous = await _app.CreateBrowserClient().GetAsync(page);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().ShouldContain("/Account/Login");

        foreach (var email in new[] { "staff@example.org", "partner@example.org", "participant@example.org" })
        {
            var client = await _app.SignedInClientAsync(email);
            var response = await client.GetAsync(page);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
            PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("ไม่มีสิทธิ์เข้าถึง");
        }

        var admin = await _app.SignedInClientAsync("admin@example.org");
        (await admin.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_admin_menu_leads_to_the_job_dashboard_with_the_recurring_jobs()
    {
        var admin = await _app.SignedInClientAsync("admin@example.org");
        var home = await admin.GetDocumentAsync("/");
        var link = home.QuerySelectorAll("[data-testid=main-nav] a").Single(a => a.TextContent.Trim() == "งานเบื้องหลัง");
        var dashboard = await admin.GetDocumentAsync(link.GetAttribute("href")! + "/recurring");
        dashboard.Body!.TextContent.ShouldContain("email-outbox");
    }

    [Fact]
    public async Task Navigation_matches_the_role()
    {
        var admin = await (await _app.SignedInClientAsync("admin@example.org")).GetDocumentAsync("/");
        var staff = await (await _app.SignedInClientAsync("staff@example.org")).GetDocumentAsync("/");
        var adminNav = admin.QuerySelector("[data-testid=main-nav]")!.TextContent;
        var staffNav = staff.QuerySelector("[data-testid=main-nav]")!.TextContent;
        adminNav.ShouldContain("ผู้ใช้");
        adminNav.ShouldContain("งานเบื้องหลัง");
        staffNav.ShouldNotContain("งานเบื้องหลัง");
        staffNav.ShouldNotContain("ผู้ใช้");
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        var response = await _app.CreateClient().GetAsync("/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        scriptSrc.ShouldBe("script-src 'self'", "no inline script");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>", Case.Insensitive, "no inline script blocks");
        html.ShouldNotContain("cdn", Case.Insensitive, "all assets are local");
    }
}
