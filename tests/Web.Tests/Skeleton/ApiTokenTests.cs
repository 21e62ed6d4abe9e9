using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class ApiTokenTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private long _orgId;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _orgId = (await _app.CreateOrganizationAsync("ธนาคารออมสิน", PartnerPrograms.Domain.Organizations.OrganizationKind.Bank)).Id;
        await _app.CreateUserAsync("gsb@example.org", Roles.Partner, _orgId, name: "วิภา ออมดี");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_token_works_on_the_api_with_the_users_own_identity()
    {
        var client = _app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "gsb@example.org", password = PortalFactory.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        body.GetProperty("expiresAt").GetDateTime().ShouldBeGreaterThan(DateTime.UtcNow.AddDays(30));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("email").GetString().ShouldBe("gsb@example.org");
        me.GetProperty("role").GetString().ShouldBe("Partner");
        me.GetProperty("organizationId").GetInt64().ShouldBe(_orgId);
        me.GetProperty("organizationName").GetString().ShouldBe("ธนาคารออมสิน");
        me.GetProperty("traineeId").ValueKind.ShouldBe(JsonValueKind.Null);

        // stored hashed: the plain token is nowhere in the database
        var stored = await _app.DbAsync(db => db.ApiTokens.Select(t => t.TokenHash).ToListAsync());
        stored.Count.ShouldBe(1);
        stored[0].ShouldNotBe(token);
        stored[0].ShouldBe(PartnerPrograms.Domain.Identity.ApiToken.Hash(token));
    }

    [Fact]
    public async Task Bad_credentials_get_401_problem_json()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "gsb@example.org", password = "nope-Nope-1" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var unknown = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "who@example.org", password = "nope-Nope-1" });
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()
            .ShouldBe((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task No_token_or_a_garbage_token_is_401_not_a_redirect()
    {
        var anonymous = await _app.CreateClient().GetAsync("/api/v1/me");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var garbage = _app.CreateClient();
        garbage.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pp_not-a-real-token");
        (await garbage.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_and_the_profile_lists_it_as_revoked()
    {
        var api = await _app.ApiClientAsync("gsb@example.org");
        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var browser = await _app.SignedInClientAsync("gsb@example.org");
        var profile = await browser.GetDocumentAsync("/Profile");
        var revokeForm = (AngleSharp.Html.Dom.IHtmlFormElement)profile.QuerySelector("[data-testid=token-table] form")!;
        (await browser.PostFormAsync(revokeForm, "/Profile", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await api.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var after = await browser.GetDocumentAsync("/Profile");
        after.QuerySelector("[data-testid=token-table]")!.TextContent.ShouldContain("เพิกถอนแล้ว");
    }

    [Fact]
    public async Task A_token_created_on_the_profile_page_is_shown_once_and_works()
    {
        var browser = await _app.SignedInClientAsync("gsb@example.org");
        var created = await browser.SubmitFormAsync("/Profile", new Dictionary<string, string> { ["name"] = "ระบบติดตามของธนาคาร" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetDocumentAsync("/Profile");
        var token = page.QuerySelector("[data-testid=new-token]")!.TextContent.Trim();
        (await browser.GetDocumentAsync("/Profile")).QuerySelector("[data-testid=new-token]").ShouldBeNull("shown once");

        var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString().ShouldBe("gsb@example.org");
        (await api.GetFromJsonAsync<JsonElement[]>("/api/v1/me/tokens"))!.ShouldContain(t => t.GetProperty("name").GetString() == "ระบบติดตามของธนาคาร");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        doc.GetProperty("paths").TryGetProperty("/api/v1/auth/token", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/v1/me", out _).ShouldBeTrue();
    }
}
