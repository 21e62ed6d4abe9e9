using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Trainees;

/// <summary>
/// A trainee saved without PDPA consent is saved, but the officer is told so after saving and on the record, and can
/// record the consent there later (staff only, audited).
/// </summary>
public class TraineeConsentTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ เจ้าหน้าที่");
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A wrong check digit is said beside the national-ID field (not only above the form), with what was typed.</summary>
    [Fact]
    public async Task A_wrong_national_ID_is_said_at_its_field_and_what_was_typed_stays()
    {
        var response = await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "มาลัย",
            ["Input.LastName"] = "ทองดี",
            ["Input.NationalId"] = "1234567890123",
            ["Input.Phone"] = "081-234-5678",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = PageDriver.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[data-testid=error-NationalId]")!.TextContent.ShouldContain("หลักตรวจสอบ");
        page.QuerySelector("[data-testid=error-FirstName]")!.TextContent.Trim().ShouldBeEmpty();
        ((IHtmlInputElement)page.QuerySelector("#Input_NationalId")!).Value.ShouldBe("1234567890123");
        ((IHtmlInputElement)page.QuerySelector("#Input_Phone")!).Value.ShouldBe("081-234-5678");
        page.QuerySelectorAll("label .pp-required").Length.ShouldBe(3); // first name, last name, national ID
        (await _app.DbAsync(db => db.Trainees.CountAsync())).ShouldBe(0);
    }

    private async Task<(long Id, IHtmlDocument Page)> RegisterAsync(bool consent)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "มาลัย",
            ["Input.LastName"] = "ทองดี",
            ["Input.NationalId"] = NationalId.Format(TrainingData.NewNationalId()),
        };
        if (consent) fields["Input.PdpaConsent"] = "true";
        var saved = await _staff.SubmitFormAsync("/Trainees/Edit", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, "saving works with or without consent");
        var url = saved.Headers.Location!.OriginalString;
        return (long.Parse(url[(url.IndexOf("id=", StringComparison.Ordinal) + 3)..],
            System.Globalization.CultureInfo.InvariantCulture), await _staff.GetDocumentAsync(url));
    }

    [Fact]
    public async Task Saving_without_consent_warns_and_the_record_says_so_until_consent_is_recorded()
    {
        var (id, page) = await RegisterAsync(consent: false);
        (await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == id))).PdpaConsentAt.ShouldBeNull();
        page.QuerySelector("[data-testid=flash]")!.TextContent.ShouldContain("บันทึกแล้ว");
        var warning = page.QuerySelector("[data-testid=flash-warning]").ShouldNotBeNull();
        warning.ClassList.ShouldContain("alert-warning");
        warning.TextContent.ShouldContain("ยังไม่ได้รับความยินยอมตาม PDPA");
        page.QuerySelector("[data-testid=flash-error]").ShouldBeNull("a warning, not an error");

        // On the record itself, every time it is opened, with the form to record consent given later.
        var record = await _staff.GetDocumentAsync($"/Trainees/Details?id={id}");
        record.QuerySelector("[data-testid=no-consent]")!.TextContent.ShouldContain("ยังไม่ได้รับความยินยอมตาม PDPA");
        var form = record.QuerySelector("form[data-testid=consent-form]").ShouldNotBeNull();
        form.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull();

        var recorded = await _staff.SubmitFormAsync($"/Trainees/Details?id={id}",
            new Dictionary<string, string> { ["consentDate"] = "15/3/2568" }, "form[data-testid=consent-form]");
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await _staff.GetDocumentAsync(recorded.Headers.Location!.OriginalString);
        after.QuerySelector("[data-testid=flash]")!.TextContent.ShouldContain("บันทึกความยินยอมตาม PDPA แล้ว");
        after.QuerySelector("[data-testid=no-consent]").ShouldBeNull();
        var stored = await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == id));
        stored.PdpaConsentAt.ShouldBe(new DateTime(2025, 3, 14, 17, 0, 0, DateTimeKind.Utc),
            "15 March 2568 began at 17:00 UTC the day before, Thai time");
        stored.PdpaConsentBy.ShouldBe("สมใจ เจ้าหน้าที่");
        var audit = (await _app.DbAsync(db => db.PersonalDataAudit.Where(a => a.TraineeId == id).ToListAsync()))
            .ShouldHaveSingleItem();
        audit.Action.ShouldBe(PersonalDataAction.Consent);
        audit.UserName.ShouldBe("สมใจ เจ้าหน้าที่");
    }

    [Fact]
    public async Task A_consent_date_ahead_or_unreadable_is_refused_and_others_cannot_record_consent()
    {
        var (id, _) = await RegisterAsync(consent: false);
        var url = $"/Trainees/Details?id={id}";
        var nextYear = (DateTime.UtcNow.Year + 544).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (typed, says) in new[] { ("1/1/" + nextYear, "อนาคต"), ("เมื่อวาน", "วัน/เดือน/ปี") })
        {
            var refused = await _staff.SubmitFormAsync(url, new Dictionary<string, string> { ["consentDate"] = typed },
                "form[data-testid=consent-form]");
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await _staff.GetDocumentAsync(refused.Headers.Location!.OriginalString))
                .QuerySelector("[data-testid=flash-error]")!.TextContent.ShouldContain(says);
        }
        (await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == id))).PdpaConsentAt.ShouldBeNull();

        await _app.CreateUserAsync("partner@example.org", Roles.Partner,
            organizationId: (await _app.CreateOrganizationAsync("มหาวิทยาลัยมหาสารคาม")).Id);
        var partner = await _app.SignedInClientAsync("partner@example.org");
        var posted = await partner.PostAsync(url + "&handler=Consent",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["consentDate"] = "15/3/2568" }));
        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "staff only");
        (await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == id))).PdpaConsentAt.ShouldBeNull();
    }

    [Fact]
    public async Task Saving_with_consent_says_nothing_more()
    {
        var (_, page) = await RegisterAsync(consent: true);
        page.QuerySelector("[data-testid=flash-warning]").ShouldBeNull();
        page.QuerySelector("[data-testid=no-consent]").ShouldBeNull();
        page.QuerySelector("form[data-testid=consent-form]").ShouldBeNull();
    }
}
