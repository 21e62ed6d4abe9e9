using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Mous;

public class MouPageTests : MouWorld
{
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string pageUrl, string formSelector, string fileField, string fileName, byte[] content,
        IDictionary<string, string>? fields = null)
    {
        var doc = await client.GetDocumentAsync(pageUrl);
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException("no form " + formSelector);
        var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == fileField || (fields?.ContainsKey(name) ?? false)) continue;
            var value = input switch { IHtmlSelectElement s => s.Value ?? "", IHtmlTextAreaElement t => t.Value, IHtmlInputElement i => i.Value, _ => "" };
            body.Add(new StringContent(value), name);
        }
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) body.Add(new StringContent(v), k);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, fileField, fileName);
        return await client.PostAsync(form.GetAttribute("action"), body);
    }

    [Fact]
    public async Task The_change_history_is_told_in_the_readers_language_with_names_and_dates_as_on_the_rest_of_the_page()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var due = Today.AddDays(10);

        var thai = (await staff.GetDocumentAsync($"/Mous/Details?id={MouA}")).QuerySelector("[data-testid=audit]")!.TextContent;
        thai.ShouldContain("เพิ่มภารกิจ “ส่งข้อมูลโรงเรียนออมทรัพย์” ผู้รับผิดชอบ: กรมการพัฒนาชุมชน กำหนดเสร็จ "
            + due.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("th-TH")));
        thai.ShouldContain("สถานะ: ร่าง → มีผลใช้บังคับ");
        thai.ShouldNotContain("organisation");
        thai.ShouldNotContain("Active");

        var english = (await staff.GetDocumentAsync($"/Mous/Details?id={MouA}&culture=en-GB&ui-culture=en-GB"))
            .QuerySelector("[data-testid=audit]")!.TextContent;
        english.ShouldContain("Added action “ส่งข้อมูลโรงเรียนออมทรัพย์”, responsible: กรมการพัฒนาชุมชน, due "
            + due.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        english.ShouldContain("Status: Draft → Active (signed)");
    }

    [Fact]
    public async Task Staff_enter_the_seed_004_MOU_from_scratch_in_the_pages()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var created = await staff.SubmitFormAsync("/Mous/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "MOU-2563-001",
            ["Input.Title"] = "สานพลังขับเคลื่อน พัฒนาวิสาหกิจท่องเที่ยวชุมชน",
            ["Input.Purpose"] = "พัฒนาวิสาหกิจท่องเที่ยวชุมชนกลุ่ม C",
            ["Input.StartDate"] = "2020-03-02",
            ["Input.EndDate"] = Today.AddYears(1).ToString("yyyy-MM-dd"),
            ["Input.Parties[0].OrganizationId"] = Foundation.ToString(),
            ["Input.Parties[0].Role"] = "Lead",
            ["Input.Parties[0].SignatoryName"] = "นายวีรยุทธ ศรีประเสริฐ",
            ["Input.Parties[0].SignatoryPosition"] = "ผู้อำนวยการมูลนิธิสัมมาชีพ",
            ["Input.Parties[1].OrganizationId"] = Cdd.ToString(),
            ["Input.Parties[1].Role"] = "Partner",
            ["Input.Parties[1].SignatoryName"] = "นางสาวรัชนีกร บุญมาก",
            ["Input.Parties[1].SignatoryPosition"] = "รองอธิบดีกรมการพัฒนาชุมชน",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var url = created.Headers.Location!.ToString();
        url.ShouldStartWith("/Mous/Details?id=");

        foreach (var title in new[] { "การจัดหมวดหมู่ชุมชนท่องเที่ยว A–D", "การพัฒนาหลักสูตรการเงินชุมชน", "หมู่บ้านต้นแบบ โคก หนอง นา โมเดล", "โครงการพลังงานชุมชน" })
            (await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["ItemTitle"] = title }, "#add-item")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await staff.GetDocumentAsync(url);
        doc.QuerySelectorAll("[data-testid=item]").Length.ShouldBe(4);
        var firstItem = doc.QuerySelector("select[name=ActionItemId] option")!.GetAttribute("value")!;
        var added = await staff.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["ActionItemId"] = firstItem,
            ["ActionOrganizationId"] = Foundation.ToString(),
            ["ActionTitle"] = "มูลนิธิสัมมาชีพประสานงานเพื่อนำข้อมูลกลุ่ม C เลือกพื้นที่",
            ["ActionContact"] = "นางสาวศิริพร",
            ["ActionDue"] = "2020-04-30",
        }, "#add-action");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Signing ends editing for good, so the button asks first, as termination does (site.js, data-confirm).
        var sign = (await staff.GetDocumentAsync(url)).QuerySelector("#transition-Activate button[type=submit]")!;
        sign.GetAttribute("data-confirm")
            .ShouldBe("ยืนยันการบันทึกว่าลงนามแล้ว? บันทึกข้อตกลงจะมีผลใช้บังคับและแก้ไขไม่ได้อีก");
        (await staff.SubmitFormAsync(url, new Dictionary<string, string> { ["SigningDate"] = "2020-03-02" }, "#transition-Activate")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        doc = await staff.GetDocumentAsync(url);
        doc.QuerySelector("[data-testid=mou-status]")!.TextContent.ShouldBe("มีผลใช้บังคับ");
        doc.QuerySelector("main")!.TextContent.ShouldContain("2 มีนาคม 2563");
        doc.QuerySelector("main")!.TextContent.ShouldContain("เกินกำหนด");
        var audit = doc.QuerySelector("[data-testid=audit]")!.TextContent;
        audit.ShouldContain("สมใจ ใจดี");
        // The history in the reader's language: statuses by their Thai names, the signing date in the Buddhist era.
        audit.ShouldContain("สถานะ: ร่าง → มีผลใช้บังคับ");
        audit.ShouldContain("ลงนามเมื่อ 2 มี.ค. 2563");
        audit.ShouldContain("เพิ่มประเด็นที่ 4: โครงการพลังงานชุมชน");
        audit.ShouldNotContain("Draft");
        // only allowed changes are offered: a signed MOU offers terminate and renew, not sign
        doc.QuerySelector("#transition-Activate").ShouldBeNull();
        doc.QuerySelector("#transition-Terminate").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_MOU_form_shows_what_is_wrong()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var response = await staff.SubmitFormAsync("/Mous/Edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "MOU-2563-009",
            ["Input.Title"] = "ทดสอบ",
            ["Input.StartDate"] = "2024-01-01",
            ["Input.EndDate"] = "2023-01-01",
            ["Input.Parties[0].OrganizationId"] = Foundation.ToString(),
            ["Input.Parties[0].SignatoryName"] = "ก",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent;
        errors.ShouldContain("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น");
        errors.ShouldContain("ภาคีที่ต่างกันอย่างน้อยสองฝ่าย");
        (await App.DbAsync(db => db.Mous.CountAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task A_partner_sees_its_overdue_action_first_and_posts_an_update()
    {
        var gsb = await App.SignedInClientAsync("gsb@example.org");
        var list = await gsb.GetDocumentAsync("/Mous");
        var mine = list.QuerySelector("[data-testid=my-actions]")!;
        mine.QuerySelector("tbody tr")!.GetAttribute("data-testid").ShouldBe("overdue-action");
        mine.TextContent.ShouldContain("จัดทำเนื้อหาการบริหารความเสี่ยง");
        list.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldContain("MOU-2563-002");
        list.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldNotContain("MOU-2564-003");
        list.QuerySelector("[data-testid=partner-load]").ShouldBeNull();

        var posted = await gsb.SubmitFormAsync($"/Mous/Action?id={GsbAction}", new Dictionary<string, string>
        {
            ["Update.Text"] = "ร่างเนื้อหาบทที่ 1 เสร็จแล้ว",
            ["Update.Percent"] = "40",
            ["Update.Status"] = "InProgress",
        }, "#post-update");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await gsb.GetDocumentAsync($"/Mous/Action?id={GsbAction}");
        page.QuerySelector("[data-testid=updates]")!.TextContent.ShouldContain("ร่างเนื้อหาบทที่ 1 เสร็จแล้ว");
        page.QuerySelector("#edit-action").ShouldBeNull("partners do not edit an action's details");

        // another party's action on the same MOU: visible, but no form, and a post is refused
        var cddPage = await gsb.GetDocumentAsync($"/Mous/Action?id={CddAction}");
        cddPage.QuerySelector("#post-update").ShouldBeNull();
        var refused = await gsb.PostWithTokenAsync($"/Mous/Action?id={GsbAction}", $"/Mous/Action?id={CddAction}&handler=Update",
            new Dictionary<string, string> { ["Update.Text"] = "แทน", ["Update.Percent"] = "10" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.DbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionId == CddAction))).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_see_overdue_and_due_soon_counts_per_partner()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var doc = await staff.GetDocumentAsync("/Mous");
        var rows = doc.QuerySelectorAll("[data-testid=partner-load] tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(3);
        rows.ShouldContain(r => r.Contains("ธนาคารออมสิน") && r.Contains('1'));
        var filtered = await staff.GetDocumentAsync($"/Mous?partnerId={Baac}&year={Today.Year + 543}");
        filtered.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldContain("MOU-2564-003");
        filtered.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldNotContain("MOU-2563-002");
        var search = await staff.GetDocumentAsync("/Mous?q=หลักสูตร");
        search.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldContain("MOU-2563-002");
        search.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldNotContain("MOU-2564-003");
    }

    [Theory]
    [InlineData("details")]
    [InlineData("action")]
    [InlineData("agreement")]
    [InlineData("progress")]
    [InlineData("attachment")]
    public async Task Leak_pages_a_partner_gets_404_for_another_organisations_records(string kind)
    {
        var attachmentId = await App.DbAsync(async db =>
        {
            var a = new MouAttachment { MouId = MouB, FileName = "signed.pdf", ContentType = "application/pdf", Content = "%PDF-1.4"u8.ToArray(), Size = 8, UploadedAt = DateTime.UtcNow, UploadedByName = "s" };
            db.MouAttachments.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var url = kind switch
        {
            "details" => $"/Mous/Details?id={MouB}",
            "action" => $"/Mous/Action?id={BaacAction}",
            "agreement" => $"/Mous/Details?id={MouB}&handler=Agreement",
            "progress" => $"/Mous/Details?id={MouB}&handler=Progress",
            _ => $"/Mous/Details?id={MouB}&handler=File&fileId={attachmentId}",
        };
        var gsb = await App.SignedInClientAsync("gsb@example.org");
        (await gsb.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        if (kind == "attachment")
            (await gsb.GetAsync($"/Mous/Details?id={MouA}&handler=File&fileId={attachmentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var baac = await App.SignedInClientAsync("baac@example.org");
        (await baac.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_only_pages_are_refused_to_partners_and_participants()
    {
        foreach (var email in new[] { "gsb@example.org", "participant@example.org" })
        {
            var client = await App.SignedInClientAsync(email);
            foreach (var page in new[] { "/Mous/Edit", "/Partners", "/Partners/Edit" })
            {
                var response = await client.GetAsync(page);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{email} {page}");
            }
        }
        var participant = await App.SignedInClientAsync("participant@example.org");
        (await participant.GetAsync("/Mous")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Uploads_are_size_limited_and_checked_by_content()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var url = $"/Mous/Details?id={MouA}";
        var renamed = await PostMultipartAsync(staff, url, "#attach", "Upload", "scan.pdf", "MZ\u0090 this is really an executable"u8.ToArray());
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await renamed.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("รับเฉพาะไฟล์ PDF, PNG หรือ JPEG");

        var big = new byte[MouRules.MaxAttachmentBytes + 10];
        "%PDF-1.4"u8.CopyTo(big);
        var tooBig = await PostMultipartAsync(staff, url, "#attach", "Upload", "big.pdf", big);
        tooBig.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        if (tooBig.StatusCode == HttpStatusCode.OK)
            PageDriver.Parse(await tooBig.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("5 MB");
        (await App.DbAsync(db => db.MouAttachments.CountAsync())).ShouldBe(0);

        var ok = await PostMultipartAsync(staff, url, "#attach", "Upload", "ลงนามแล้ว.pdf", "%PDF-1.4\n% signed scan\n"u8.ToArray());
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await staff.GetDocumentAsync(url);
        var link = doc.QuerySelector("[data-testid=attachments] a")!;
        link.TextContent.ShouldBe("ลงนามแล้ว.pdf");
        var download = await staff.GetAsync(link.GetAttribute("href"));
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        doc.QuerySelector("[data-testid=audit]")!.TextContent.ShouldContain("แนบไฟล์ ลงนามแล้ว.pdf");

        // a partner's progress update with a file: same checks
        var gsb = await App.SignedInClientAsync("gsb@example.org");
        var png = await PostMultipartAsync(gsb, $"/Mous/Action?id={GsbAction}", "#post-update", "Update.File", "photo.png",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], new Dictionary<string, string> { ["Update.Text"] = "ภาพกิจกรรม", ["Update.Percent"] = "50" });
        png.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var fake = await PostMultipartAsync(gsb, $"/Mous/Action?id={GsbAction}", "#post-update", "Update.File", "photo.pdf",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], new Dictionary<string, string> { ["Update.Text"] = "ภาพ", ["Update.Percent"] = "60" });
        fake.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.DbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionId == GsbAction))).ShouldBe(1);
    }

    [Fact]
    public async Task Two_staff_editing_one_action_on_the_page_the_second_sees_the_conflict()
    {
        var first = await App.SignedInClientAsync("staff@example.org");
        var second = await App.SignedInClientAsync("staff2@example.org");
        var url = $"/Mous/Action?id={CddAction}";
        var formFirst = (IHtmlFormElement)(await first.GetDocumentAsync(url)).QuerySelector("#edit-action")!;
        var formSecond = (IHtmlFormElement)(await second.GetDocumentAsync(url)).QuerySelector("#edit-action")!;

        (await first.PostFormAsync(formFirst, url, new Dictionary<string, string> { ["Edit.Title"] = "ส่งข้อมูลโรงเรียนออมทรัพย์ 20 แห่ง" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await second.PostFormAsync(formSecond, url, new Dictionary<string, string> { ["Edit.Title"] = "ส่งข้อมูลภายในเดือนนี้" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PageDriver.Parse(await conflict.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain("มีผู้อื่นแก้ไขภารกิจนี้");
        (doc.QuerySelector("[data-testid=errors]")?.TextContent ?? "").ShouldNotContain("มีผู้อื่นแก้ไขภารกิจนี้", Case.Sensitive,
            "the conflict is said once, in its panel");
        ((IHtmlTextAreaElement)doc.QuerySelector("textarea[name='Edit.Title']")!).Value.ShouldBe("ส่งข้อมูลภายในเดือนนี้", "the second editor's input is kept");
        (await App.DbAsync(db => db.MouActions.Where(a => a.Id == CddAction).Select(a => a.Title).SingleAsync())).ShouldBe("ส่งข้อมูลโรงเรียนออมทรัพย์ 20 แห่ง");

        // saving again from the conflict page (now on the current version) works
        var form = (IHtmlFormElement)doc.QuerySelector("#edit-action")!;
        (await second.PostFormAsync(form, url, new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.DbAsync(db => db.MouActions.Where(a => a.Id == CddAction).Select(a => a.Title).SingleAsync())).ShouldBe("ส่งข้อมูลภายในเดือนนี้");
    }

    [Fact]
    public async Task A_progress_update_from_a_stale_page_is_a_conflict_not_an_overwrite()
    {
        var first = await App.SignedInClientAsync("staff@example.org");
        var second = await App.SignedInClientAsync("staff2@example.org");
        var url = $"/Mous/Action?id={CddAction}";
        var formFirst = (IHtmlFormElement)(await first.GetDocumentAsync(url)).QuerySelector("#post-update")!;
        var formSecond = (IHtmlFormElement)(await second.GetDocumentAsync(url)).QuerySelector("#post-update")!;
        var before = await App.DbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionId == CddAction));

        (await first.PostFormAsync(formFirst, url, new Dictionary<string, string> { ["Update.Text"] = "ส่งข้อมูลแล้วครึ่งหนึ่ง", ["Update.Percent"] = "50" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await second.PostFormAsync(formSecond, url, new Dictionary<string, string> { ["Update.Text"] = "ยังไม่เริ่ม", ["Update.Percent"] = "0" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PageDriver.Parse(await conflict.Content.ReadAsStringAsync());
        doc.QuerySelector("[data-testid=conflict]")!.TextContent.ShouldContain("มีผู้อื่นแก้ไขภารกิจนี้");
        ((IHtmlTextAreaElement)doc.QuerySelector("textarea[name='Update.Text']")!).Value.ShouldBe("ยังไม่เริ่ม", "the second poster's text is kept");
        (await App.DbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionId == CddAction))).ShouldBe(before + 1);
        (await App.DbAsync(db => db.MouActions.Where(a => a.Id == CddAction).Select(a => a.Percent).SingleAsync())).ShouldBe(50);

        // posting again from the conflict page (now on the current version) works
        var form = (IHtmlFormElement)doc.QuerySelector("#post-update")!;
        (await second.PostFormAsync(form, url, new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.DbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionId == CddAction))).ShouldBe(before + 2);
    }

    [Fact]
    public async Task Staff_register_an_organisation_with_contacts()
    {
        var staff = await App.SignedInClientAsync("staff@example.org");
        var response = await staff.SubmitFormAsync("/Partners/Edit", new Dictionary<string, string>
        {
            ["Input.Kind"] = "PublicOrganization",
            ["Input.NameTh"] = "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
            ["Input.ShortName"] = "พอช.",
            ["Input.Province"] = "กรุงเทพมหานคร",
            ["Input.Contacts[0].Name"] = "นางสาวกมลา ชุมชน",
            ["Input.Contacts[0].Position"] = "นักพัฒนาชุมชน",
            ["Input.Contacts[0].Email"] = "kamala@example.org",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await staff.GetDocumentAsync("/Partners?q=พอช");
        list.QuerySelector("[data-testid=org-table]")!.TextContent.ShouldContain("สถาบันพัฒนาองค์กรชุมชน");
        var org = await App.DbAsync(db => db.Organizations.Include(o => o.Contacts).SingleAsync(o => o.ShortName == "พอช."));
        org.Kind.ShouldBe(PartnerPrograms.Domain.Organizations.OrganizationKind.PublicOrganization);
        org.Contacts.Single().Email.ShouldBe("kamala@example.org");
        var dup = await staff.SubmitFormAsync("/Partners/Edit", new Dictionary<string, string> { ["Input.NameTh"] = "ธนาคารออมสิน" });
        dup.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_edit_a_draft_and_the_dates_survive_the_round_trip_in_Thai()
    {
        var draft = await CreateMouAsync("MOU-2569-010", "ร่างความร่วมมือ", (Foundation, "นายวีรยุทธ ศรีประเสริฐ"), (Cdd, "นางสาวรัชนีกร บุญมาก"));
        var before = await App.DbAsync(db => db.Mous.AsNoTracking().SingleAsync(m => m.Id == draft));
        var staff = await App.SignedInClientAsync("staff@example.org");
        var response = await staff.SubmitFormAsync($"/Mous/Edit?id={draft}", new Dictionary<string, string>
        {
            ["Input.Title"] = "ความร่วมมือพลังงานชุมชน",
            ["Input.Parties[2].OrganizationId"] = Vfund.ToString(),
            ["Input.Parties[2].SignatoryName"] = "นางอรุณี ทองประเสริฐ",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var after = await App.DbAsync(db => db.Mous.AsNoTracking().Include(m => m.Parties).SingleAsync(m => m.Id == draft));
        after.Title.ShouldBe("ความร่วมมือพลังงานชุมชน");
        after.StartDate.ShouldBe(before.StartDate);
        after.EndDate.ShouldBe(before.EndDate);
        after.Parties.Select(p => p.OrganizationId).OrderBy(x => x).ShouldBe(new[] { Foundation, Cdd, Vfund }.OrderBy(x => x));
        var doc = await staff.GetDocumentAsync($"/Mous/Details?id={draft}");
        doc.QuerySelector("[data-testid=audit]")!.TextContent.ShouldContain("ชื่อเรื่อง: “ร่างความร่วมมือ” → “ความร่วมมือพลังงานชุมชน”");
        // a signed MOU is not rewritten: the edit page sends staff back to the MOU
        (await staff.GetAsync($"/Mous/Edit?id={MouA}")).Headers.Location!.ToString().ShouldBe($"/Mous/Details?id={MouA}");
    }
}
