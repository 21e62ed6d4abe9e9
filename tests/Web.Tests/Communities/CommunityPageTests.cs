using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Communities;

public class CommunityPageTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private long _cdd;
    private long _gsb;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _cdd = (await _app.CreateOrganizationAsync("กรมการพัฒนาชุมชน")).Id;
        _gsb = (await _app.CreateOrganizationAsync("ธนาคารออมสิน")).Id;
        await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        await _app.CreateUserAsync("admin@example.org", Roles.Admin);
        await _app.CreateUserAsync("cdd@example.org", Roles.Partner, _cdd);
        await _app.CreateUserAsync("participant@example.org", Roles.Participant);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, string> ScoreFields(Dictionary<string, int> scores, string date) =>
        scores.ToDictionary(kv => $"Input.Scores[{kv.Key}]", kv => kv.Value.ToString())
            .Append(new KeyValuePair<string, string>("Input.AssessedOn", date)).ToDictionary();

    [Fact]
    public async Task Staff_register_a_community_from_the_lists_assess_it_and_follow_it_from_B_to_A()
    {
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var created = await staff.SubmitFormAsync("/Communities/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "บ้านแม่กำปอง",
            ["Input.VillageNo"] = "3",
            ["Input.ProvinceCode"] = "50",
            ["Input.DistrictId"] = "5022",
            ["Input.SubDistrictId"] = CommunityFixture.MaeWin.ToString(),
            ["Input.ContactName"] = "มาลี ศรีสุข",
            ["Input.ContactPhone"] = "081-111-2222",
            ["Input.PartnerIds"] = _cdd.ToString(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = created.Headers.Location!.ToString();
        var id = long.Parse(details.Split("id=")[1]);
        var community = await _app.DbAsync(db => db.Communities.Include(c => c.Partners).SingleAsync(c => c.Id == id));
        (community.ProvinceId, community.DistrictId, community.Region).ShouldBe((38, 5022, PartnerPrograms.Domain.Geography.Region.North));
        community.Partners.Select(p => p.OrganizationId).ShouldBe([_cdd]);

        // B first: readiness 8/20 = 40 %
        var first = await staff.SubmitFormAsync($"/Communities/Assess?id={id}", ScoreFields(CommunityFixture.Scores(15, 8, 10, 4), "2025-03-02"));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await staff.GetDocumentAsync(details);
        page.QuerySelector("[data-testid=category] [data-category]")!.GetAttribute("data-category").ShouldBe("B");
        var reasons = page.QuerySelector("[data-testid=reasons]")!.TextContent;
        reasons.ShouldContain("ความพร้อมและสิ่งอำนวยความสะดวก 40% ต่ำกว่า 60%");

        // After the infrastructure work: A, and the movement shows on the history.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        (await staff.SubmitFormAsync($"/Communities/Assess?id={id}", ScoreFields(CommunityFixture.Scores(15, 16, 10, 4), today))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page = await staff.GetDocumentAsync(details);
        page.QuerySelector("[data-testid=category] [data-category]")!.GetAttribute("data-category").ShouldBe("A");
        page.QuerySelectorAll("[data-testid=assessment-table] tbody tr").Length.ShouldBe(2);
        page.QuerySelector("[data-testid=movement] [data-category]")!.GetAttribute("data-category").ShouldBe("B");
        page.QuerySelector("[data-testid=reasons]")!.TextContent.ShouldContain("พร้อมต่อยอดสู่การประชาสัมพันธ์ (A)");

        // The summary counts the move from B to A.
        var summary = await staff.GetDocumentAsync("/Communities/Summary");
        summary.QuerySelector("[data-testid=movement-table] tr[data-move='B-A'] td:last-child")!.TextContent.Trim().ShouldBe("1");
        summary.QuerySelector("[data-testid=region-table] tr[data-region=North] td[data-category=A]")!.TextContent.Trim().ShouldBe("1");
    }

    [Fact]
    public async Task A_future_date_or_missing_scores_are_refused_on_the_page_and_nothing_is_saved()
    {
        var id = await _app.CreateCommunityAsync("บ้านนาต้นจั่น", CommunityFixture.ChiangKhan, _cdd);
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd");
        var response = await staff.SubmitFormAsync($"/Communities/Assess?id={id}", ScoreFields(CommunityFixture.Scores(15, 16, 10, 4), future));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("วันที่ประเมินต้องไม่เป็นวันในอนาคต");
        var partial = ScoreFields(CommunityFixture.Scores(15, 16, 10, 4), "2025-01-01");
        partial.Remove("Input.Scores[products_otop]");
        var missing = await staff.SubmitFormAsync($"/Communities/Assess?id={id}", partial);
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.DbAsync(db => db.CommunityAssessments.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_override_with_a_written_reason_and_both_groups_show()
    {
        var id = await _app.CreateCommunityAsync("ชุมชนอัมพวา", CommunityFixture.Amphawa, _cdd);
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        await staff.SubmitFormAsync($"/Communities/Assess?id={id}", ScoreFields(CommunityFixture.Scores(2, 2, 8, 2), today));

        var noReason = await staff.SubmitFormAsync($"/Communities/Override?id={id}", new Dictionary<string, string> { ["Category"] = "C", ["Reason"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.DbAsync(db => db.Communities.SingleAsync(c => c.Id == id))).OverrideCategory.ShouldBeNull();

        var ok = await staff.SubmitFormAsync($"/Communities/Override?id={id}", new Dictionary<string, string> { ["Category"] = "C", ["Reason"] = "มีปราชญ์ชุมชนด้านการทำน้ำตาลมะพร้าว" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await staff.GetDocumentAsync($"/Communities/Details?id={id}");
        page.QuerySelector("[data-testid=category] [data-category]")!.GetAttribute("data-category").ShouldBe("C");
        page.QuerySelector("[data-testid=computed-category] [data-category]")!.GetAttribute("data-category").ShouldBe("D");
        page.QuerySelector("[data-testid=override-reason]")!.TextContent.ShouldBe("มีปราชญ์ชุมชนด้านการทำน้ำตาลมะพร้าว");

        // The group-C list includes it, with the link to plan a cohort for these communities.
        var groupC = await staff.GetDocumentAsync("/Communities/GroupC");
        groupC.QuerySelectorAll("[data-testid=group-c-table] tr[data-id]").Select(r => r.GetAttribute("data-id")).ShouldBe([id.ToString()]);
        groupC.QuerySelector("[data-testid=plan-cohort]")!.GetAttribute("href").ShouldBe($"/Training/Cohorts/Create?communityIds={id}");
        var csv = await staff.GetStringAsync("/Communities/GroupC?handler=Csv");
        csv.ShouldContain("ชุมชนอัมพวา");
    }

    [Fact]
    public async Task Partners_see_only_the_communities_their_organisation_works_in_and_cannot_change_anything()
    {
        var theirs = await _app.CreateCommunityAsync("บ้านแม่กำปอง", CommunityFixture.MaeWin, _cdd, _gsb);
        var other = await _app.CreateCommunityAsync("ชุมชนอัมพวา", CommunityFixture.Amphawa, _gsb);
        var staffApi = await _app.ApiClientAsync("staff@example.org");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        foreach (var id in new[] { theirs, other })
            (await staffApi.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = today, scores = CommunityFixture.Scores(15, 20, 10, 0) }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);

        var partner = await _app.SignedInClientAsync("cdd@example.org");
        var list = await partner.GetDocumentAsync("/Communities");
        list.QuerySelectorAll("[data-testid=community-table] tr[data-id]").Select(r => r.GetAttribute("data-id")).ShouldBe([theirs.ToString()]);
        list.QuerySelector("a[href='/Communities/Edit']").ShouldBeNull("no register button for partners");
        var details = await partner.GetDocumentAsync($"/Communities/Details?id={theirs}");
        details.QuerySelector("a[href^='/Communities/Assess']").ShouldBeNull();
        details.QuerySelectorAll("[data-testid=assessment-table] tbody tr[data-id]").Length.ShouldBe(1);
        details.QuerySelector("[data-testid=partners]")!.TextContent.ShouldContain("ธนาคารออมสิน");
        (await partner.GetAsync($"/Communities/Details?id={other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (var page in new[] { $"/Communities/Assess?id={theirs}", $"/Communities/Override?id={theirs}", $"/Communities/Edit?id={theirs}", "/Communities/Import", "/Communities/Summary", "/Communities/GroupC", "/Communities/Rubric" })
        {
            var r = await partner.GetAsync(page);
            r.StatusCode.ShouldBe(HttpStatusCode.Forbidden, page);
        }

        var api = await _app.ApiClientAsync("cdd@example.org");
        var items = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/communities")).GetProperty("items");
        items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ShouldBe([theirs]);
        (await api.GetAsync($"/api/v1/communities/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/communities/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.PostAsJsonAsync($"/api/v1/communities/{theirs}/assessments", new { assessedOn = today, scores = CommunityFixture.Scores(1, 1, 1, 1) }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync($"/api/v1/communities/{theirs}/override", new { category = "D", reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.DbAsync(db => db.CommunityAssessments.CountAsync())).ShouldBe(2);
        (await _app.DbAsync(db => db.Communities.SingleAsync(c => c.Id == theirs))).OverrideCategory.ShouldBeNull();

        // Participants do not see communities at all.
        var participant = await _app.SignedInClientAsync("participant@example.org");
        (await participant.GetAsync("/Communities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_edit_of_the_rubric_is_a_new_version_and_old_assessments_keep_theirs()
    {
        var id = await _app.CreateCommunityAsync("บ้านแม่กำปอง", CommunityFixture.MaeWin, _cdd);
        var staffApi = await _app.ApiClientAsync("staff@example.org");
        var scores = CommunityFixture.Scores(15, 11, 10, 0); // readiness 55 %: B under v1
        (await staffApi.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = "2025-01-10", scores })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var staff = await _app.SignedInClientAsync("staff@example.org");
        var staffView = await staff.GetDocumentAsync("/Communities/Rubric");
        staffView.QuerySelector("main button[type=submit]").ShouldBeNull("staff read the rubric; admins edit it");

        var admin = await _app.SignedInClientAsync("admin@example.org");
        var saved = await admin.SubmitFormAsync("/Communities/Rubric", new Dictionary<string, string>
        {
            ["Input.Thresholds.ReadinessMin"] = "50",
            ["Input.ChangeNote"] = "ลดเกณฑ์ความพร้อม",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await admin.SubmitFormAsync("/Communities/Rubric", new Dictionary<string, string> { ["Input.Weights[Attraction]"] = "70" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK, "weights must add up to 100");

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var second = await staffApi.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = today, scores });
        (await second.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("computedCategory").GetString().ShouldBe("A");

        var history = await _app.DbAsync(db => db.CommunityAssessments.OrderBy(a => a.AssessedOn).Select(a => new { a.Rubric!.Version, a.Category }).ToListAsync());
        history.Select(h => (h.Version, h.Category)).ShouldBe([(1, CommunityCategory.B), (2, CommunityCategory.A)]);
        var rubrics = await _app.DbAsync(db => db.CommunityRubrics.OrderBy(r => r.Version).ToListAsync());
        rubrics.Select(r => r.Definition.Thresholds.ReadinessMin).ShouldBe([60, 50]);
        rubrics[1].ChangeNote.ShouldBe("ลดเกณฑ์ความพร้อม");
    }
}

public class CommunityEditTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_place_that_does_not_belong_together_is_refused_and_a_stale_edit_is_reported()
    {
        var staff = await _app.SignedInClientAsync("staff@example.org");
        // Mae Win is in Mae Wang (5022), not in Chiang Khan (4203).
        var wrong = await staff.SubmitFormAsync("/Communities/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "บ้านผิดที่",
            ["Input.ProvinceCode"] = "42",
            ["Input.DistrictId"] = "4203",
            ["Input.SubDistrictId"] = CommunityFixture.MaeWin.ToString(),
        });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("กรุณาเลือกจังหวัด อำเภอ และตำบลจากรายการ");

        var id = await _app.CreateCommunityAsync("บ้านแม่วิน", CommunityFixture.MaeWin);
        var form = await staff.GetDocumentAsync($"/Communities/Edit?id={id}");
        await _app.DbAsync(async db => { var c = await db.Communities.SingleAsync(x => x.Id == id); c.Notes = "แก้ไขโดยผู้อื่น"; return await db.SaveChangesAsync(); });
        var stale = await staff.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("main form")!, $"/Communities/Edit?id={id}",
            new Dictionary<string, string> { ["Input.Name"] = "บ้านแม่วินใหม่" });
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await stale.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("มีผู้อื่นแก้ไขข้อมูลชุมชนนี้ก่อน");
        (await _app.DbAsync(db => db.Communities.SingleAsync(x => x.Id == id))).Name.ShouldBe("บ้านแม่วิน");

        var fresh = await staff.SubmitFormAsync($"/Communities/Edit?id={id}", new Dictionary<string, string> { ["Input.Name"] = "บ้านแม่วินใหม่" });
        fresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.DbAsync(db => db.Communities.SingleAsync(x => x.Id == id))).Name.ShouldBe("บ้านแม่วินใหม่");
    }

    [Fact]
    public async Task In_English_the_groups_and_regions_read_as_words()
    {
        var id = await _app.CreateCommunityAsync("บ้านแม่วิน", CommunityFixture.MaeWin);
        var api = await _app.ApiClientAsync("staff@example.org");
        await api.PostAsJsonAsync($"/api/v1/communities/{id}/assessments", new { assessedOn = "2025-05-01", scores = CommunityFixture.Scores(6, 7, 4, 8) });
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var doc = await staff.GetDocumentAsync($"/Communities/Details?id={id}&culture=en-GB&ui-culture=en-GB");
        doc.QuerySelector("[data-testid=category]")!.TextContent.Trim().ShouldBe("Group C");
        doc.QuerySelector("main")!.TextContent.ShouldContain("North");
        doc.QuerySelector("[data-testid=reasons]")!.TextContent.ShouldContain("Learning site 80% is at least 60%: potential as a learning site (C).");
    }
}
