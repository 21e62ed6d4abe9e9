using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// The review's API findings: unknown addresses and wrong methods answer problem+json (not the HTML error page), and
/// the sign-in cookie cannot write through /api/v1 (no antiforgery there), while Bearer tokens and the portal's own
/// script reads keep working.
/// </summary>
public class ApiHardeningTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private long _lead, _partner;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _lead = (await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        _partner = (await _app.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank)).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body[..Math.Min(body.Length, 300)]);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body[..Math.Min(body.Length, 300)]);
        body.ShouldNotContain("<html", Case.Insensitive);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem;
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_problem_json_404_for_anonymous_token_and_cookie_callers()
    {
        var anonymous = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await _app.ApiClientAsync("staff@example.org");
        var cookie = await _app.SignedInClientAsync("staff@example.org");
        foreach (var (who, client) in new[] { ("anonymous", anonymous), ("token", token), ("cookie", cookie) })
        {
            foreach (var url in new[] { "/api/v1/no-such-thing", "/api/v1/mous/1/no-such-part", "/api/v2/mous", "/api/v1/mous/not-a-number" })
            {
                var problem = await ProblemAsync(await client.GetAsync(url), HttpStatusCode.NotFound);
                problem.GetProperty("title").GetString().ShouldBe("ไม่มีที่อยู่ API นี้", $"{who} {url}");
                problem.TryGetProperty("correlationId", out _).ShouldBeTrue();
            }
        }
        // Pages keep their friendly Thai page.
        var page = await cookie.GetAsync("/No/Such/Page");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task A_method_an_address_does_not_take_is_a_problem_json_405_naming_the_allowed_ones()
    {
        var anonymous = _app.CreateClient();
        var token = await _app.ApiClientAsync("staff@example.org");
        foreach (var client in new[] { anonymous, token })
        {
            var mous = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/mous"));
            var problem = await ProblemAsync(mous, HttpStatusCode.MethodNotAllowed);
            problem.GetProperty("title").GetString().ShouldBe("ที่อยู่นี้ไม่รองรับเมธอดนี้");
            mous.Content.Headers.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);

            var me = await client.PutAsJsonAsync("/api/v1/me", new { });
            await ProblemAsync(me, HttpStatusCode.MethodNotAllowed);
            me.Content.Headers.Allow.ShouldBe(["GET"]);
        }
    }

    private object NewMou(string code) => new
    {
        code,
        title = "ความร่วมมือทดสอบ " + code,
        purpose = "ทดสอบ",
        startDate = new DateOnly(2026, 1, 1),
        endDate = new DateOnly(2028, 12, 31),
        parties = new object[]
        {
            new { organizationId = _lead, role = "lead", signatoryName = "นายทดสอบ ลงนาม", signatoryPosition = "ประธาน" },
            new { organizationId = _partner, role = "partner", signatoryName = "นางสาวทดสอบ ลงนาม", signatoryPosition = "ผู้อำนวยการ" },
        },
    };

    [Fact]
    public async Task The_sign_in_cookie_cannot_write_through_the_api_but_a_token_can_and_the_cookie_still_reads()
    {
        var cookie = await _app.SignedInClientAsync("staff@example.org");
        var token = await _app.ApiClientAsync("staff@example.org");
        var tokenId = await _app.DbAsync(db => db.ApiTokens.Select(t => t.Id).SingleAsync());

        // What a forged cross-site form or fetch would send: the browser's cookie, no token.
        var refused = await ProblemAsync(await cookie.PostAsJsonAsync("/api/v1/mous", NewMou("MOU-CSRF-1")), HttpStatusCode.Unauthorized);
        refused.GetProperty("detail").GetString()!.ShouldContain("Bearer");
        await ProblemAsync(await cookie.DeleteAsync($"/api/v1/me/tokens/{tokenId}"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await cookie.PostAsJsonAsync("/api/v1/admin/reminders/run", new { }), HttpStatusCode.Unauthorized);
        (await _app.DbAsync(db => db.Mous.IgnoreQueryFilters().CountAsync(m => m.Code == "MOU-CSRF-1"))).ShouldBe(0);
        (await _app.DbAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync())).ShouldBeNull();

        // A Bearer token writes as before.
        (await token.PostAsJsonAsync("/api/v1/mous", NewMou("MOU-CSRF-2"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await token.DeleteAsync($"/api/v1/me/tokens/{tokenId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The portal's own scripts only read with the cookie (Web/wwwroot/js: geography lookups), and pages link to GET
        // exports: those still work.
        (await cookie.GetAsync("/api/v1/geography/provinces")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cookie.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cookie.GetAsync("/api/v1/mous")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
