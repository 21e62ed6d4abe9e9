using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Certificates;

public class CertificateVerifyTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private ClosedCohort _data = null!;
    private List<Certificate> _certificates = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _data = await _app.ClosedCohortAsync(completed: 3, notCompleted: 0);
        await _app.IssueAllAsync(_data.Cohort.Id);
        _certificates = await _app.CertificatesAsync(_data.Cohort.Id);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Certificate Of(int trainee) => _certificates.Single(c => c.TraineeId == _data.Trainees[trainee].Id);
    private static JsonElement Json(string s) => JsonDocument.Parse(s).RootElement;

    [Fact]
    public async Task The_public_page_shows_valid_with_name_course_cohort_and_date_but_no_national_ID_phone_or_email()
    {
        var anonymous = _app.CreateBrowserClient();
        var c = Of(0);
        var t = _data.Trainees[0];
        // case-insensitive, dashes optional
        foreach (var typed in new[] { c.Code, c.Code.Replace("-", "").ToLowerInvariant(), c.Code.ToLowerInvariant() })
        {
            var response = await anonymous.GetAsync("/verify/" + typed);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, typed);
            var html = await response.Content.ReadAsStringAsync();
            var doc = PageDriver.Parse(html);
            doc.QuerySelector("[data-testid=verify-result]")!.GetAttribute("data-status").ShouldBe("valid");
            doc.QuerySelector("[data-testid=holder]")!.TextContent.Trim().ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");
            var text = doc.Body!.TextContent;
            text.ShouldContain(_data.Course.TitleTh);
            text.ShouldContain(_data.Cohort.Name);
            text.ShouldContain("วุฒิบัตรนี้ใช้ได้");
            text.ShouldContain((c.IssuedOn.Year + 543).ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var secret in new[] { t.NationalId, t.NationalId[..5], t.Phone!, t.Phone!.Replace("-", ""), t.Email! })
                html.ShouldNotContain(secret, customMessage: "personal data on the public page");
        }
        // the form goes to the canonical address
        var form = await anonymous.GetAsync("/verify?code=" + c.Code.ToLowerInvariant());
        form.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        form.Headers.Location!.ToString().ShouldBe("/verify/" + c.Code.Replace("-", ""));
        (await anonymous.GetAsync("/verify")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_code_is_a_plain_not_found_on_the_page_and_the_API()
    {
        var anonymous = _app.CreateBrowserClient();
        var page = await anonymous.GetAsync("/verify/ZZZZZZZZZZ");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("ไม่พบวุฒิบัตร");
        (await anonymous.GetAsync("/verify/not-a-code")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/certificates/ZZZZ-ZZZZ-ZZ")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_API_returns_the_same_facts_and_nothing_personal()
    {
        var anonymous = _app.CreateClient();
        var c = Of(1);
        var response = await anonymous.GetAsync("/api/v1/certificates/" + c.Code.Replace("-", "").ToLowerInvariant());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var raw = await response.Content.ReadAsStringAsync();
        var body = Json(raw);
        body.GetProperty("code").GetString().ShouldBe(c.Code);
        body.GetProperty("status").GetString().ShouldBe("valid");
        body.GetProperty("holderName").GetString().ShouldBe("นายปั้น ผู้ใหญ่ฟ้าลั่น");
        body.GetProperty("course").GetString().ShouldBe(_data.Course.TitleTh);
        body.GetProperty("cohort").GetString().ShouldBe(_data.Cohort.Name);
        body.GetProperty("issuedOn").GetString().ShouldBe(c.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        body.GetProperty("supersededBy").ValueKind.ShouldBe(JsonValueKind.Null);
        body.EnumerateObject().Select(p => p.Name).ShouldBe(["code", "status", "holderName", "course", "cohort", "issuedOn", "supersededBy", "holderErased"]);
        body.GetProperty("holderErased").GetBoolean().ShouldBeFalse();
        raw.ShouldNotContain(_data.Trainees[1].NationalId);
        raw.ShouldNotContain(_data.Trainees[1].Email!);
    }

    [Fact]
    public async Task Revoked_shows_revoked_with_the_date_publicly_and_the_reason_only_to_staff()
    {
        var staff = await _app.ApiClientAsync("staff@example.org");
        var c = Of(0);
        (await staff.PostAsJsonAsync($"/api/v1/certificates/{c.Code}/revoke", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostAsJsonAsync($"/api/v1/certificates/{c.Code}/revoke", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostAsJsonAsync("/api/v1/certificates/ZZZZ-ZZZZ-ZZ/revoke", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var revoked = await staff.PostAsJsonAsync($"/api/v1/certificates/{c.Code.ToLowerInvariant()}/revoke", new { reason = "เอกสารประกอบไม่ครบ ลับเฉพาะ" });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        (await staff.PostAsJsonAsync($"/api/v1/certificates/{c.Code}/revoke", new { reason = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var stored = await _app.DbAsync(db => db.Certificates.AsNoTracking().SingleAsync(x => x.Id == c.Id));
        stored.RevokedReason.ShouldBe("เอกสารประกอบไม่ครบ ลับเฉพาะ");

        var anonymous = _app.CreateBrowserClient();
        var html = await anonymous.GetStringAsync("/verify/" + c.Code);
        var doc = PageDriver.Parse(html);
        doc.QuerySelector("[data-testid=verify-result]")!.GetAttribute("data-status").ShouldBe("revoked");
        doc.QuerySelector("[data-testid=verify-status]")!.TextContent.ShouldContain("ถูกเพิกถอนเมื่อ");
        html.ShouldNotContain("ลับเฉพาะ");
        Json(await anonymous.GetStringAsync("/api/v1/certificates/" + c.Code)).GetProperty("status").GetString().ShouldBe("revoked");
        (await _app.CreateClient().GetStringAsync("/api/v1/certificates/" + c.Code)).ShouldNotContain("ลับเฉพาะ");

        var staffPages = await _app.SignedInClientAsync("staff@example.org");
        var details = await staffPages.GetDocumentAsync("/Certificates/Details?code=" + c.Code);
        details.QuerySelector("[data-testid=revoked-reason]")!.TextContent.ShouldBe("เอกสารประกอบไม่ครบ ลับเฉพาะ");
        var trainee = await staffPages.GetDocumentAsync($"/Trainees/Details?id={c.TraineeId}");
        trainee.QuerySelector("[data-testid=certificate-history]")!.TextContent.ShouldContain("ลับเฉพาะ");
    }

    [Fact]
    public async Task A_reissue_with_a_corrected_name_supersedes_the_old_one_which_points_to_the_new_one()
    {
        var c = Of(2);
        var staffPages = await _app.SignedInClientAsync("staff@example.org");
        var posted = await staffPages.PostWithTokenAsync("/Certificates/Details?code=" + c.Code, "/Certificates/Details?code=" + c.Code + "&handler=Reissue",
            new Dictionary<string, string> { ["HolderName"] = "นางบุญเรือน ศักดิ์ศรีเจริญยิ่ง", ["HolderNameEn"] = "Boonruean Saksricharoen" });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var all = await _app.CertificatesAsync(_data.Cohort.Id);
        var old = all.Single(x => x.Id == c.Id);
        var fresh = all.Single(x => x.ReplacesId == c.Id);
        old.Status.ShouldBe(CertificateStatus.Superseded);
        old.ReplacedById.ShouldBe(fresh.Id);
        fresh.Status.ShouldBe(CertificateStatus.Valid);
        fresh.HolderName.ShouldBe("นางบุญเรือน ศักดิ์ศรีเจริญยิ่ง");
        fresh.Code.ShouldNotBe(old.Code);
        old.Pdf.ShouldBe(c.Pdf);
        (await Tools.PdfTextAsync(fresh.Pdf!)).ShouldContainText("นางบุญเรือน ศักดิ์ศรีเจริญยิ่ง");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fresh.Pdf!)).ShouldBe(fresh.PdfSha256);

        var anonymous = _app.CreateBrowserClient();
        var doc = await anonymous.GetDocumentAsync("/verify/" + old.Code);
        doc.QuerySelector("[data-testid=verify-result]")!.GetAttribute("data-status").ShouldBe("superseded");
        doc.QuerySelector("[data-testid=superseded-by] a")!.GetAttribute("href").ShouldBe("/verify/" + fresh.Code.Replace("-", ""));
        var api = Json(await anonymous.GetStringAsync("/api/v1/certificates/" + old.Code));
        api.GetProperty("status").GetString().ShouldBe("superseded");
        api.GetProperty("supersededBy").GetString().ShouldBe(fresh.Code);

        var history = (await staffPages.GetDocumentAsync($"/Trainees/Details?id={c.TraineeId}")).QuerySelector("[data-testid=certificate-history]")!;
        history.QuerySelectorAll("tbody tr").Length.ShouldBe(2);
        history.TextContent.ShouldContain(old.Code);
        history.TextContent.ShouldContain(fresh.Code);

        // bulk issue again: the enrolment has a valid certificate, nothing new
        var again = await _app.IssueAllAsync(_data.Cohort.Id);
        again.Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_participant_downloads_only_their_own_PDF_others_get_404_by_code_or_id()
    {
        var a = _data.Trainees[0];
        var b = _data.Trainees[1];
        await _app.CreateUserAsync("a@example.org", Roles.Participant, traineeId: a.Id);
        await _app.CreateUserAsync("b@example.org", Roles.Participant, traineeId: b.Id);
        var org = await _app.CreateOrganizationAsync("มหาวิทยาลัยมหาสารคาม");
        await _app.CreateUserAsync("partner@example.org", Roles.Partner, organizationId: org.Id);
        var ca = Of(0);
        var cb = Of(1);

        var clientA = await _app.ApiClientAsync("a@example.org");
        var own = await clientA.GetAsync($"/api/v1/certificates/{ca.Code}/pdf");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        own.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await own.Content.ReadAsByteArrayAsync()).ShouldBe(ca.Pdf);
        (await clientA.GetAsync($"/api/v1/certificates/by-id/{ca.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clientA.GetAsync($"/api/v1/certificates/{cb.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientA.GetAsync($"/api/v1/certificates/{cb.Code.Replace("-", "").ToLowerInvariant()}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clientA.GetAsync($"/api/v1/certificates/by-id/{cb.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var mine = Json(await clientA.GetStringAsync("/api/v1/me/certificates"));
        mine.GetArrayLength().ShouldBe(1);
        mine[0].GetProperty("code").GetString().ShouldBe(ca.Code);

        var partner = await _app.ApiClientAsync("partner@example.org");
        (await partner.GetAsync($"/api/v1/certificates/{ca.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.CreateClient().GetAsync($"/api/v1/certificates/{ca.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.CreateClient().GetAsync($"/api/v1/certificates/by-id/{ca.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var staff = await _app.ApiClientAsync("staff@example.org");
        (await staff.GetAsync($"/api/v1/certificates/{cb.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // the participant's page lists their own only, with the download link
        var pagesA = await _app.SignedInClientAsync("a@example.org");
        var page = await pagesA.GetDocumentAsync("/Certificates/My");
        var cards = page.QuerySelectorAll("[data-testid=my-certificate]");
        cards.Length.ShouldBe(1);
        cards[0].QuerySelector("[data-testid=download]")!.GetAttribute("href").ShouldBe($"/api/v1/certificates/{ca.Code}/pdf");
        (await pagesA.GetAsync($"/api/v1/certificates/{cb.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await pagesA.GetAsync($"/Certificates/Details?code={cb.Code}")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_invite_a_trainee_as_a_participant_linked_to_the_record()
    {
        var t = _data.Trainees[2];
        var staffPages = await _app.SignedInClientAsync("staff@example.org");
        var doc = await staffPages.GetDocumentAsync($"/Trainees/Details?id={t.Id}");
        doc.QuerySelector("[data-testid=invite-form]").ShouldNotBeNull();
        var posted = await staffPages.PostWithTokenAsync($"/Trainees/Details?id={t.Id}", $"/Certificates/Invite?traineeId={t.Id}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var user = await _app.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.TraineeId == t.Id));
        user.Email.ShouldBe(t.Email);
        user.Role.ShouldBe(Roles.Participant);
        (await _app.DbAsync(db => db.OutboxMessages.CountAsync(m => m.To == t.Email && m.DedupeKey.StartsWith("invite:")))).ShouldBe(1);
        (await staffPages.GetDocumentAsync($"/Trainees/Details?id={t.Id}")).QuerySelector("[data-testid=has-account]").ShouldNotBeNull();

        // bulk for the cohort: the others get theirs, nobody twice
        var counts = await _app.InScopeAsync(sp => sp.GetRequiredService<ParticipantInvitations>().InviteCohortAsync(_data.Cohort.Id, "staff"));
        counts[InvitationOutcome.Invited].ShouldBe(2);
        counts[InvitationOutcome.AlreadyHasAccount].ShouldBe(1);
    }
}
