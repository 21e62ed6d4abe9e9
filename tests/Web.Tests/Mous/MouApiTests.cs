using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Mous;

public class MouApiTests : MouWorld
{
    [Fact]
    public async Task Staff_see_every_MOU_with_its_parties_items_and_actions()
    {
        var list = await StaffApi.GetFromJsonAsync<JsonElement>("/api/v1/mous");
        list.GetProperty("total").GetInt32().ShouldBe(2);
        var a = list.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == MouA);
        a.GetProperty("overdue").GetInt32().ShouldBe(1);
        a.GetProperty("status").GetString().ShouldBe("active");

        var detail = await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{MouA}");
        detail.GetProperty("parties").GetArrayLength().ShouldBe(3);
        detail.GetProperty("items")[0].GetProperty("actions").GetArrayLength().ShouldBe(2);

        var filtered = await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous?partnerId={Baac}");
        filtered.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ShouldBe([MouB]);
        (await StaffApi.GetFromJsonAsync<JsonElement>("/api/v1/mous?status=draft")).GetProperty("total").GetInt32().ShouldBe(0);
        (await StaffApi.GetFromJsonAsync<JsonElement>("/api/v1/mous?q=สินเชื่อ")).GetProperty("total").GetInt32().ShouldBe(1);
        (await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous?year={Today.Year + 543}")).GetProperty("total").GetInt32().ShouldBe(2);
        (await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous?year={Today.Year + 543 + 5}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await StaffApi.GetFromJsonAsync<JsonElement>("/api/v1/organizations")).GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task Invalid_input_gets_400_naming_the_fields()
    {
        var response = await StaffApi.PostAsJsonAsync("/api/v1/mous", new
        {
            code = "MOU-X-1",
            title = "ทดสอบ",
            startDate = Today,
            endDate = Today.AddDays(-1),
            parties = new[] { new { organizationId = Foundation, signatoryName = "ก" } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        errors.TryGetProperty("endDate", out _).ShouldBeTrue();
        errors.TryGetProperty("parties", out _).ShouldBeTrue();

        var duplicate = await StaffApi.PostAsJsonAsync("/api/v1/mous", new
        {
            code = "MOU-2563-002",
            title = "ซ้ำ",
            startDate = Today,
            endDate = Today.AddDays(1),
            parties = new[] { new { organizationId = Foundation, signatoryName = "ก" }, new { organizationId = Cdd, signatoryName = "ข" } },
        });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(duplicate)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();

        var percent = await StaffApi.PostAsJsonAsync($"/api/v1/actions/{GsbAction}/updates", new { text = "ก้าวหน้า", percent = 120 });
        percent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(percent)).GetProperty("errors").TryGetProperty("percent", out _).ShouldBeTrue();

        var outsider = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{MouA}/actions", new { itemId = ItemA, title = "x", responsibleOrganizationId = Baac });
        outsider.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(outsider)).GetProperty("errors").TryGetProperty("responsibleOrganizationId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task State_changes_follow_the_rules_and_refusals_say_why()
    {
        var again = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{MouA}/transitions", new { transition = "activate" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(again)).GetProperty("title").GetString()!.ShouldContain("draft");

        var noReason = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{MouB}/transitions", new { transition = "terminate" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var terminated = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{MouB}/transitions", new { transition = "terminate", reason = "ไม่ได้รับงบประมาณ" });
        terminated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{MouB}")).GetProperty("status").GetString().ShouldBe("terminated");
        // A closed MOU takes no more progress.
        (await StaffApi.PostAsJsonAsync($"/api/v1/actions/{BaacAction}/updates", new { text = "x", percent = 10 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var renewed = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{MouA}/transitions",
            new { transition = "renew", newCode = "MOU-2570-001", newStartDate = Today.AddYears(2), newEndDate = Today.AddYears(5) });
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var newId = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var renewal = await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{newId}");
        renewal.GetProperty("status").GetString().ShouldBe("draft");
        renewal.GetProperty("renewsMouId").GetInt64().ShouldBe(MouA);
        renewal.GetProperty("parties").GetArrayLength().ShouldBe(3);
        (await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{MouA}")).GetProperty("status").GetString().ShouldBe("renewed");
    }

    [Fact]
    public async Task A_partner_lists_only_the_MOUs_its_organisation_is_party_to()
    {
        var gsb = await App.ApiClientAsync("gsb@example.org");
        var list = await gsb.GetFromJsonAsync<JsonElement>("/api/v1/mous");
        list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ShouldBe([MouA]);
        (await gsb.GetFromJsonAsync<JsonElement>($"/api/v1/mous?partnerId={Baac}")).GetProperty("total").GetInt32().ShouldBe(0);
        var mine = await gsb.GetFromJsonAsync<JsonElement>("/api/v1/actions/mine");
        mine.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ShouldBe([GsbAction]);
    }

    [Fact]
    public async Task Leak_MOU_another_organisations_MOU_is_404_for_a_partner()
    {
        var gsb = await App.ApiClientAsync("gsb@example.org");
        var response = await gsb.GetAsync($"/api/v1/mous/{MouB}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ProblemAsync(response);
        (await gsb.GetAsync($"/api/v1/mous/{MouB}/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gsb.GetAsync($"/api/v1/mous/{MouA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // the same answer as for an id that does not exist: nothing to probe
        (await gsb.GetAsync("/api/v1/mous/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leak_action_and_update_another_MOUs_action_is_404_and_someone_elses_action_is_403()
    {
        var gsb = await App.ApiClientAsync("gsb@example.org");
        var foreign = await gsb.PostAsJsonAsync($"/api/v1/actions/{BaacAction}/updates", new { text = "แอบ", percent = 50 });
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var notMine = await gsb.PostAsJsonAsync($"/api/v1/actions/{CddAction}/updates", new { text = "แทน พช.", percent = 50 });
        notMine.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await ProblemAsync(notMine);
        var own = await gsb.PostAsJsonAsync($"/api/v1/actions/{GsbAction}/updates", new { text = "ร่างเนื้อหาบทที่ 1 แล้ว", percent = 30, status = "inProgress" });
        own.StatusCode.ShouldBe(HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
        // partners only read everything else: staff endpoints are refused
        (await gsb.PostAsJsonAsync($"/api/v1/mous/{MouA}/actions", new { itemId = ItemA, title = "x", responsibleOrganizationId = Gsb })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gsb.PutAsJsonAsync($"/api/v1/actions/{GsbAction}", new { title = "x", responsibleOrganizationId = Gsb, status = "done", version = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // nothing of the refused writes landed
        var updates = await App.DbAsync(db => db.ActionUpdates.Select(u => u.ActionId).ToListAsync());
        updates.ShouldBe([GsbAction]);
        var participant = await App.ApiClientAsync("participant@example.org");
        (await participant.GetAsync("/api/v1/mous")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Leak_agreement_pdf_and_attachment_of_another_MOU_are_404()
    {
        var attachmentId = await App.InScopeAsync(async sp =>
        {
            var service = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PartnerPrograms.Web.Pages.Mous.MouFiles>(sp);
            return await service.AttachAsync(MouB, new PartnerPrograms.Web.Pages.Mous.UploadedFile("signed.pdf", "%PDF-1.4 signed scan"u8.ToArray()),
                new PartnerPrograms.Web.Pages.Mous.MouActor("staff", null, true, null));
        });
        var gsb = await App.ApiClientAsync("gsb@example.org");
        (await gsb.GetAsync($"/api/v1/mous/{MouB}/agreement.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gsb.GetAsync($"/api/v1/mous/{MouB}/attachments/{attachmentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // pairing a visible MOU with the other MOU's file does not help either
        (await gsb.GetAsync($"/api/v1/mous/{MouA}/attachments/{attachmentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var baac = await App.ApiClientAsync("baac@example.org");
        var file = await baac.GetAsync($"/api/v1/mous/{MouB}/attachments/{attachmentId}");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

    [Fact]
    public async Task Two_staff_editing_one_action_the_second_gets_409_and_nothing_is_lost()
    {
        var staff2 = await App.ApiClientAsync("staff2@example.org");
        var read = await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{MouA}");
        var action = read.GetProperty("items")[0].GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == CddAction);
        var version = action.GetProperty("version").GetUInt32();

        var first = await StaffApi.PutAsJsonAsync($"/api/v1/actions/{CddAction}", new { title = "ส่งข้อมูลโรงเรียนออมทรัพย์ 20 แห่ง", responsibleOrganizationId = Cdd, contactName = "นายธนากร", dueDate = Today.AddDays(15), status = "inProgress", version });
        first.StatusCode.ShouldBe(HttpStatusCode.NoContent, await first.Content.ReadAsStringAsync());
        var second = await staff2.PutAsJsonAsync($"/api/v1/actions/{CddAction}", new { title = "ส่งข้อมูลภายในเดือนนี้", responsibleOrganizationId = Cdd, dueDate = Today.AddDays(20), status = "notStarted", version });
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await ProblemAsync(second);

        var stored = await App.DbAsync(db => db.MouActions.SingleAsync(a => a.Id == CddAction));
        stored.Title.ShouldBe("ส่งข้อมูลโรงเรียนออมทรัพย์ 20 แห่ง");
        stored.Status.ShouldBe(PartnerPrograms.Domain.Mous.ActionStatus.InProgress);

        // an update sent with a stale version is refused the same way
        var stale = await staff2.PostAsJsonAsync($"/api/v1/actions/{CddAction}/updates", new { text = "x", percent = 5, version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_with_who_and_what()
    {
        var gsb = await App.ApiClientAsync("gsb@example.org");
        (await gsb.PostAsJsonAsync($"/api/v1/actions/{GsbAction}/updates", new { text = "ส่งร่างแล้ว", percent = 80, status = "inProgress" })).EnsureSuccessStatusCode();
        var audit = await StaffApi.GetFromJsonAsync<JsonElement>($"/api/v1/mous/{MouA}/audit");
        var entries = audit.EnumerateArray().Select(e => (User: e.GetProperty("userName").GetString()!, Entity: e.GetProperty("entity").GetString()!, Change: e.GetProperty("change").GetString()!)).ToList();
        entries.ShouldContain(e => e.Entity == "Mou" && e.Change.Contains("Created draft MOU-2563-002") && e.User == "สมใจ ใจดี");
        entries.ShouldContain(e => e.Entity == "Item" && e.Change.Contains("ยกร่างหลักสูตร"));
        entries.ShouldContain(e => e.Entity == "Action" && e.Change.Contains("Added action") && e.Change.Contains("จัดทำเนื้อหา"));
        entries.ShouldContain(e => e.Entity == "Mou" && e.Change.Contains("Draft → Active"));
        entries.ShouldContain(e => e.Entity == "Action" && e.User == "วิภา ออมดี" && e.Change.Contains("0% → 80%") && e.Change.Contains("NotStarted → InProgress"));
        // the trail grows; nothing is overwritten
        (await gsb.PostAsJsonAsync($"/api/v1/actions/{GsbAction}/updates", new { text = "เสร็จแล้ว", percent = 100, status = "done" })).EnsureSuccessStatusCode();
        var updates = await App.DbAsync(db => db.ActionUpdates.Where(u => u.ActionId == GsbAction).OrderBy(u => u.Id).Select(u => u.Text).ToListAsync());
        updates.ShouldBe(["ส่งร่างแล้ว", "เสร็จแล้ว"]);
    }
}
