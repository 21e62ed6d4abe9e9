using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Partner B and participant B (and staff, for child records under the wrong parent) use side A's ids in URLs, query
/// strings, form fields and API bodies: 404, none of A's data in the answer, nothing written.
/// </summary>
public class IdSwapTests(SecurityWorld world) : IClassFixture<SecurityWorld>
{
    private Side A => world.A;
    private Side B => world.B;

    /// <summary>Words that appear only in side A's records.</summary>
    private string[] SecretsOfA => [A.MouTitle, A.ActionTitle, A.AttachmentName, A.CommunityName, A.TraineeName, A.CertificateCode, "ลับเฉพาะ a", "secret-a"];

    /// <summary>Everything a swap could change on side A, read straight from the database.</summary>
    private Task<string> FingerprintOfAAsync() => world.App.DbAsync(async db => JsonSerializer.Serialize(new
    {
        action = await db.MouActions.Where(a => a.Id == A.Action).Select(a => new { a.Status, a.Percent, a.Title, a.Version }).SingleAsync(),
        updates = await db.ActionUpdates.CountAsync(u => u.ActionId == A.Action),
        attachments = await db.MouAttachments.CountAsync(f => f.MouId == A.Mou),
        mou = await db.Mous.Where(m => m.Id == A.Mou).Select(m => new { m.Status, m.Version }).SingleAsync(),
        enrollment = await db.Enrollments.Where(e => e.Id == A.Enrollment).Select(e => new { e.Status, e.WithdrawnAt, e.AssessmentScore }).SingleAsync(),
        sessions = await db.TrainingSessions.CountAsync(s => s.CohortId == A.Cohort),
        certificates = await db.Certificates.Where(c => c.CohortId == A.Cohort).Select(c => new { c.Id, c.Status }).ToListAsync(),
        token = await db.ApiTokens.Where(t => t.Id == A.ApiToken).Select(t => t.RevokedAt).SingleAsync(),
        community = await db.Communities.Where(c => c.Id == A.Community).Select(c => new { c.Version }).SingleAsync(),
        assessments = await db.CommunityAssessments.CountAsync(x => x.CommunityId == A.Community),
    }));

    private async Task ShouldBeNotFoundWithoutSecretsAsync(HttpResponseMessage response, string what)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, what);
        await ShouldNotLeakAsync(response, what);
    }

    private async Task ShouldNotLeakAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        foreach (var secret in SecretsOfA) body.ShouldNotContain(secret, Case.Insensitive, $"{what} leaks A's data");
    }

    [Fact]
    public async Task Partner_B_gets_404_for_partner_A_records_and_their_children_in_urls()
    {
        var pages = await world.BrowserAsync(Who.PartnerB);
        var api = await world.ApiAsync(Who.PartnerB);
        string[] pageUrls =
        [
            $"/Mous/Details?id={A.Mou}", $"/Mous/Details?id={A.Mou}&handler=File&fileId={A.Attachment}",
            $"/Mous/Details?id={B.Mou}&handler=File&fileId={A.Attachment}", // A's attachment under B's own MOU
            $"/Mous/Details?id={A.Mou}&handler=Agreement", $"/Mous/Details?id={A.Mou}&handler=Progress", $"/Mous/Action?id={A.Action}",
            $"/Training/Cohorts/Details?id={A.Cohort}", $"/Training/Cohorts/Details?id={A.Cohort}&handler=Export&kind=roster&format=xlsx",
            $"/Training/Cohorts/Details?id={A.Cohort}&handler=Export&kind=attendance&format=csv",
            $"/Training/Sessions/Attendance?id={A.Session}", $"/Training/Sessions/Attendance?id={A.Session}&handler=SignInSheet",
            $"/Communities/Details?id={A.Community}",
        ];
        foreach (var url in pageUrls) await ShouldBeNotFoundWithoutSecretsAsync(await pages.GetAsync(url), url);
        string[] apiUrls =
        [
            $"/api/v1/mous/{A.Mou}", $"/api/v1/mous/{A.Mou}/audit", $"/api/v1/mous/{A.Mou}/agreement.pdf", $"/api/v1/mous/{A.Mou}/progress.pdf",
            $"/api/v1/mous/{A.Mou}/attachments/{A.Attachment}", $"/api/v1/mous/{B.Mou}/attachments/{A.Attachment}",
            $"/api/v1/cohorts/{A.Cohort}", $"/api/v1/cohorts/{A.Cohort}/roster", $"/api/v1/communities/{A.Community}",
            $"/api/v1/certificates/{A.CertificateCode}/pdf", $"/api/v1/certificates/by-id/{A.Certificate}/pdf",
        ];
        foreach (var url in apiUrls) await ShouldBeNotFoundWithoutSecretsAsync(await api.GetAsync(url), url);

        // The same requests for B's own records succeed: the 404s above are about scope, not broken URLs.
        (await pages.GetAsync($"/Mous/Details?id={B.Mou}&handler=File&fileId={B.Attachment}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/cohorts/{B.Cohort}/roster")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Partner_B_lists_filtered_by_partner_A_ids_in_the_query_string_show_nothing_of_A()
    {
        var pages = await world.BrowserAsync(Who.PartnerB);
        var api = await world.ApiAsync(Who.PartnerB);
        string[] urls =
        [
            $"/Mous?partnerId={A.Org}", $"/Mous?q={Uri.EscapeDataString("ลับเฉพาะA")}", "/Mous", "/Communities", $"/Communities?q={Uri.EscapeDataString("บ้านเอรา")}",
            "/Training/Cohorts", $"/api/v1/mous?partnerId={A.Org}", $"/api/v1/mous?q={Uri.EscapeDataString("ลับเฉพาะA")}", "/api/v1/actions/mine",
            "/api/v1/communities?province=50", "/api/v1/cohorts", "/",
        ];
        foreach (var url in urls)
        {
            var response = url.StartsWith("/api/", StringComparison.Ordinal) ? await api.GetAsync(url) : await pages.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            await ShouldNotLeakAsync(response, url);
        }
        // B's own records are listed, so the lists above were not simply empty.
        (await pages.GetStringAsync("/Mous")).ShouldContain(B.MouTitle);
        (await api.GetStringAsync("/api/v1/actions/mine")).ShouldContain(B.ActionTitle);
        (await pages.GetStringAsync("/Communities")).ShouldContain(B.CommunityName);
    }

    [Fact]
    public async Task Participant_B_gets_404_for_participant_A_certificate_by_code_and_id_and_sees_only_their_own()
    {
        var pages = await world.BrowserAsync(Who.ParticipantB);
        var api = await world.ApiAsync(Who.ParticipantB);
        foreach (var url in new[]
                 {
                     $"/api/v1/certificates/{A.CertificateCode}/pdf", $"/api/v1/certificates/{A.CertificateCode.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}/pdf",
                     $"/api/v1/certificates/by-id/{A.Certificate}/pdf", $"/api/v1/cohorts/{A.Cohort}",
                 })
            await ShouldBeNotFoundWithoutSecretsAsync(await api.GetAsync(url), url);
        foreach (var url in new[] { $"/Training/Cohorts/Details?id={A.Cohort}", $"/Training/Sessions/Attendance?id={A.Session}" })
            await ShouldBeNotFoundWithoutSecretsAsync(await pages.GetAsync(url), url);
        foreach (var url in new[] { "/Certificates/My", "/Training/My", "/" })
        {
            var response = await pages.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            await ShouldNotLeakAsync(response, url);
        }
        var mine = await api.GetStringAsync("/api/v1/me/certificates");
        mine.ShouldContain(B.CertificateCode);
        mine.ShouldNotContain(A.CertificateCode);
        (await pages.GetStringAsync("/Certificates/My")).ShouldContain(B.CertificateCode);
        (await api.GetAsync($"/api/v1/certificates/{B.CertificateCode}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Partner_B_writing_to_partner_A_records_through_forms_and_api_bodies_gets_404_and_changes_nothing()
    {
        var before = await FingerprintOfAAsync();
        var pages = await world.BrowserAsync(Who.PartnerB);
        var api = await world.ApiAsync(Who.PartnerB);

        // The update form on B's own action, with the action id swapped in the form field.
        var swapped = await pages.SubmitFormAsync($"/Mous/Action?id={B.Action}", new Dictionary<string, string>
        {
            ["Id"] = A.Action.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Update.Text"] = "เขียนทับของ A",
            ["Update.Percent"] = "90",
        }, "form#post-update");
        await ShouldBeNotFoundWithoutSecretsAsync(swapped, "update form with A's action id");
        // The same form posted to A's action URL.
        var direct = await pages.PostWithTokenAsync($"/Mous/Action?id={B.Action}", $"/Mous/Action?id={A.Action}&handler=Update",
            new Dictionary<string, string> { ["Update.Text"] = "เขียนทับของ A", ["Update.Percent"] = "90" });
        await ShouldBeNotFoundWithoutSecretsAsync(direct, "update form on A's action URL");
        // The API, with a valid body.
        var viaApi = await api.PostAsJsonAsync($"/api/v1/actions/{A.Action}/updates", new { text = "เขียนทับของ A", percent = 90, status = "done" });
        await ShouldBeNotFoundWithoutSecretsAsync(viaApi, "API update on A's action");
        // Another user's API token, by the API and by the profile form.
        await ShouldBeNotFoundWithoutSecretsAsync(await api.DeleteAsync($"/api/v1/me/tokens/{A.ApiToken}"), "revoke A's token by API");
        var revokeForm = await pages.PostWithTokenAsync("/Profile", $"/Profile?handler=Revoke&id={A.ApiToken}");
        revokeForm.StatusCode.ShouldBe(HttpStatusCode.NotFound, "revoke A's token on the profile page");
        // A field that names A's organisation on B's own action: partners may not edit actions at all.
        (await api.PutAsJsonAsync($"/api/v1/actions/{B.Action}", new { title = "x", responsibleOrganizationId = A.Org })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await FingerprintOfAAsync()).ShouldBe(before, "nothing of A's changed");
        // B's own form works, so the refusals above are about scope.
        var own = await pages.SubmitFormAsync($"/Mous/Action?id={B.Action}", new Dictionary<string, string> { ["Update.Text"] = "ทำแล้วครึ่งหนึ่ง", ["Update.Percent"] = "50" }, "form#post-update");
        own.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Staff_using_a_child_record_of_one_parent_under_another_parent_gets_404_and_changes_nothing()
    {
        var before = await FingerprintOfAAsync();
        var staff = await world.BrowserAsync(Who.Staff);
        var cohortB = $"/Training/Cohorts/Details?id={B.Cohort}";
        var fields = new Dictionary<string, string>
        {
            ["enrollmentId"] = A.Enrollment.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sessionId"] = A.Session.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        (await staff.PostWithTokenAsync(cohortB, cohortB + "&handler=Withdraw", fields)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "A's enrolment under B's cohort");
        (await staff.PostWithTokenAsync(cohortB, cohortB + "&handler=DeleteSession", fields)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "A's session under B's cohort");
        var certificatesB = $"/Certificates/Cohort?id={B.Cohort}";
        (await staff.PostWithTokenAsync(certificatesB, certificatesB + "&handler=IssueOne", fields)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "A's enrolment on B's certificate page");
        (await staff.GetAsync($"/Mous/Details?id={B.Mou}&handler=File&fileId={A.Attachment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var api = await world.ApiAsync(Who.Staff);
        (await api.GetAsync($"/api/v1/mous/{B.Mou}/attachments/{A.Attachment}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintOfAAsync()).ShouldBe(before, "nothing of A's changed");
    }
}
