using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Communities;

public class CommunityApiTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private long _cdd;
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _cdd = (await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน")).Id;
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_official_lists_are_loaded_and_served()
    {
        var api = await _app.ApiClientAsync("staff@example.org");
        var provinces = await api.GetFromJsonAsync<JsonElement>("/api/v1/geography/provinces");
        provinces.GetArrayLength().ShouldBe(77);
        var chiangMai = provinces.EnumerateArray().Single(p => p.GetProperty("nameTh").GetString() == "เชียงใหม่");
        chiangMai.GetProperty("code").GetString().ShouldBe("50");
        chiangMai.GetProperty("nameEn").GetString().ShouldBe("Chiang Mai");
        chiangMai.GetProperty("region").GetString().ShouldBe("north");
        var districts = await api.GetFromJsonAsync<JsonElement>("/api/v1/geography/provinces/50/districts");
        districts.EnumerateArray().ShouldContain(d => d.GetProperty("code").GetInt32() == 5022 && d.GetProperty("nameTh").GetString() == "แม่วาง");
        var subs = await api.GetFromJsonAsync<JsonElement>("/api/v1/geography/districts/5022/sub-districts");
        subs.EnumerateArray().ShouldContain(s => s.GetProperty("code").GetInt32() == CommunityFixture.MaeWin && s.GetProperty("postalCode").GetString() == "50360");
        (await api.GetAsync("/api/v1/geography/provinces/99/districts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.DbAsync(db => Task.FromResult(db.SubDistricts.Count()))).ShouldBeGreaterThan(7000);
    }

    [Fact]
    public async Task Assessment_history_and_the_override_are_both_kept()
    {
        var id = await _app.CreateCommunityAsync("บ้านแม่กำปอง", CommunityFixture.MaeWin, _cdd);
        var api = await _app.ApiClientAsync("staff@example.org");

        var first = await api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments",
            new { assessedOn = "2025-03-02", scores = CommunityFixture.Scores(15, 8, 10, 4), assessor = "สมชาย ประเมินดี" });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        firstBody.GetProperty("computedCategory").GetString().ShouldBe("B");
        firstBody.GetProperty("reasons").EnumerateArray().Last().GetString()!.ShouldContain("infrastructure must improve");
        first.Headers.Location!.ToString().ShouldBe($"/api/v1/communities/{id}");

        var second = await api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments",
            new { assessedOn = Today, scores = CommunityFixture.Scores(15, 18, 10, 4) });
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("computedCategory").GetString().ShouldBe("A");

        var over = await api.PostAsJsonAsync($"/api/v1/communities/{id}/override", new { category = "C", reason = "ชุมชนขอเน้นเป็นแหล่งเรียนรู้ก่อน" });
        over.StatusCode.ShouldBe(HttpStatusCode.OK);

        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{id}");
        c.GetProperty("category").GetString().ShouldBe("C");
        c.GetProperty("computedCategory").GetString().ShouldBe("A");
        c.GetProperty("override").GetProperty("category").GetString().ShouldBe("C");
        c.GetProperty("override").GetProperty("reason").GetString().ShouldBe("ชุมชนขอเน้นเป็นแหล่งเรียนรู้ก่อน");
        c.GetProperty("province").GetProperty("code").GetString().ShouldBe("50");
        c.GetProperty("region").GetString().ShouldBe("north");
        var history = c.GetProperty("assessments").EnumerateArray().ToList();
        history.Count.ShouldBe(2);
        history[0].GetProperty("category").GetString().ShouldBe("A");
        history[1].GetProperty("category").GetString().ShouldBe("B");
        history[1].GetProperty("assessedOn").GetString().ShouldBe("2025-03-02");
        history[1].GetProperty("scores").GetProperty("readiness_access").GetInt32().ShouldBe(5);
        history[1].GetProperty("rubricVersion").GetInt32().ShouldBe(1);

        // An override needs a reason; null clears it and the computed group counts again.
        (await api.PostAsJsonAsync($"/api/v1/communities/{id}/override", new { category = "D", reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/v1/communities/{id}/override", new { category = (string?)null, reason = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cleared = await api.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{id}");
        cleared.GetProperty("category").GetString().ShouldBe("A");
        cleared.GetProperty("override").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_assessment_with_a_missing_criterion_a_score_out_of_range_or_a_future_date_is_a_400_problem()
    {
        var id = await _app.CreateCommunityAsync("บ้านนาต้นจั่น", CommunityFixture.ChiangKhan, _cdd);
        var api = await _app.ApiClientAsync("staff@example.org");

        var missing = CommunityFixture.Scores(10, 10, 5, 5);
        missing.Remove("learning_centre");
        await ExpectProblem(api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = Today, scores = missing }), "scores.learning_centre");

        var outOfRange = CommunityFixture.Scores(10, 10, 5, 5);
        outOfRange["attraction_sites"] = 6;
        await ExpectProblem(api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = Today, scores = outOfRange }), "scores.attraction_sites");

        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd");
        await ExpectProblem(api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = future, scores = CommunityFixture.Scores(10, 10, 5, 5) }), "assessedOn");
        await ExpectProblem(api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { scores = CommunityFixture.Scores(10, 10, 5, 5) }), "assessedOn");

        (await api.PostAsJsonAsync("/api/v1/communities/999999/assessments", new { assessedOn = Today, scores = CommunityFixture.Scores(1, 1, 1, 1) }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.DbAsync(db => Task.FromResult(db.CommunityAssessments.Count()))).ShouldBe(0, "nothing was recorded");
    }

    private static async Task ExpectProblem(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {body}");
    }

    [Fact]
    public async Task The_list_filters_by_category_province_and_region()
    {
        var a = await _app.CreateCommunityAsync("ชุมชนอัมพวา", CommunityFixture.Amphawa, _cdd);
        var b = await _app.CreateCommunityAsync("บ้านแม่วิน", CommunityFixture.MaeWin, _cdd);
        var c = await _app.CreateCommunityAsync("ชุมชนเชียงคาน", CommunityFixture.ChiangKhan, _cdd);
        var api = await _app.ApiClientAsync("staff@example.org");
        foreach (var (id, scores) in new[] { (a, CommunityFixture.Scores(15, 20, 10, 0)), (b, CommunityFixture.Scores(15, 8, 10, 0)), (c, CommunityFixture.Scores(2, 2, 2, 8)) })
            (await api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = Today, scores })).StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<List<long>> Ids(string query) =>
            (await api.GetFromJsonAsync<JsonElement>("/api/v1/communities" + query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

        (await Ids("")).Count.ShouldBe(3);
        (await Ids("?category=A")).ShouldBe([a]);
        (await Ids("?category=b")).ShouldBe([b]);
        (await Ids("?category=C")).ShouldBe([c]);
        (await Ids("?province=50")).ShouldBe([b]);
        (await Ids("?province=" + Uri.EscapeDataString("สมุทรสงคราม"))).ShouldBe([a]);
        (await Ids("?province=Loei")).ShouldBe([c]);
        (await Ids("?region=northEast")).ShouldBe([c]);
        (await Ids("?region=central&category=A")).ShouldBe([a]);
        (await Ids("?region=south")).ShouldBeEmpty();
        (await api.GetAsync("/api/v1/communities?category=Z")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var staff = await _app.SignedInClientAsync("staff@example.org");
        var page = await staff.GetDocumentAsync("/Communities?category=C");
        page.QuerySelectorAll("[data-testid=community-table] tbody tr[data-id]").Select(r => r.GetAttribute("data-id")).ShouldBe([c.ToString()]);
        var byRegion = await staff.GetDocumentAsync("/Communities?region=North");
        byRegion.QuerySelectorAll("[data-testid=community-table] tbody tr[data-id]").Select(r => r.GetAttribute("data-id")).ShouldBe([b.ToString()]);
    }
}
