using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Certificates;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>Reveal (audited, staff only), subject-access export, and erasure with certificates still verifiable.</summary>
public class PersonalDataRightsTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private ClosedCohort _data = null!;
    private HttpClient _staff = null!;
    private const string ParticipantEmail = "yanee.participant@example.org";

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ เจ้าหน้าที่");
        await _app.CreateUserAsync("admin@example.org", Roles.Admin, name: "ผู้ดูแล ระบบ");
        var org = await _app.CreateOrganizationAsync("มหาวิทยาลัยมหาสารคาม");
        await _app.CreateUserAsync("partner@example.org", Roles.Partner, organizationId: org.Id);
        _data = await _app.ClosedCohortAsync(completed: 3, notCompleted: 1);
        await _app.DbAsync(db => db.CohortPartners.AddAsync(new CohortPartner { CohortId = _data.Cohort.Id, OrganizationId = org.Id }).AsTask()
            .ContinueWith(_ => db.SaveChangesAsync()).Unwrap());
        await _app.IssueAllAsync(_data.Cohort.Id);
        await _app.CreateUserAsync(ParticipantEmail, Roles.Participant, traineeId: _data.Trainees[0].Id);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string DetailsUrl(int i) => $"/Trainees/Details?id={_data.Trainees[i].Id}";
    private Task<List<PersonalDataAuditEntry>> AuditAsync() => _app.DbAsync(db => db.PersonalDataAudit.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Staff_reveal_the_full_ID_once_and_it_is_audited_partners_and_participants_cannot()
    {
        var t = _data.Trainees[1];
        var page = await _staff.GetDocumentAsync(DetailsUrl(1));
        page.QuerySelector("[data-testid=national-id]")!.TextContent.ShouldBe(NationalId.Mask(t.NationalId));
        page.Body!.InnerHtml.ShouldNotContain(t.NationalId[5..10]);

        var revealed = await _staff.SubmitFormAsync(DetailsUrl(1), new Dictionary<string, string>(), "form[data-testid=reveal-form]");
        revealed.StatusCode.ShouldBe(HttpStatusCode.OK);
        revealed.Headers.CacheControl!.NoStore.ShouldBeTrue();
        PageDriver.Parse(await revealed.Content.ReadAsStringAsync()).QuerySelector("[data-testid=national-id-revealed]")!.TextContent
            .ShouldBe(NationalId.Format(t.NationalId));
        var audit = (await AuditAsync()).ShouldHaveSingleItem();
        audit.Action.ShouldBe(PersonalDataAction.Reveal);
        audit.TraineeId.ShouldBe(t.Id);
        audit.UserName.ShouldBe("สมใจ เจ้าหน้าที่");
        audit.At.ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        // Shown once: the next visit is masked again.
        (await _staff.GetDocumentAsync(DetailsUrl(1))).Body!.InnerHtml.ShouldNotContain(t.NationalId[5..10]);

        // Without antiforgery: refused, nothing revealed or audited.
        (await _staff.PostAsync(DetailsUrl(1) + "&handler=Reveal", new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var email in new[] { "partner@example.org", ParticipantEmail })
        {
            var client = await _app.SignedInClientAsync(email);
            foreach (var handler in new[] { "Reveal", "Export", "Erase" })
            {
                var response = await client.PostWithTokenAsync("/", DetailsUrl(0) + "&handler=" + handler, new Dictionary<string, string> { ["confirm"] = "true" });
                response.StatusCode.ShouldNotBe(HttpStatusCode.OK, $"{email} {handler}");
                (await response.Content.ReadAsStringAsync()).ShouldNotContain(_data.Trainees[0].NationalId[5..10]);
            }
        }
        (await AuditAsync()).Count.ShouldBe(1);
        (await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(x => x.Id == _data.Trainees[0].Id))).ErasedAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_export_holds_everything_about_the_person_and_is_audited()
    {
        var t = _data.Trainees[0];
        await _staff.SubmitFormAsync(DetailsUrl(0), new Dictionary<string, string>(), "form[data-testid=reveal-form]");
        var response = await _staff.SubmitFormAsync(DetailsUrl(0), new Dictionary<string, string>(), "form[data-testid=export-form]");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"trainee-{t.Id}-personal-data.json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var trainee = json.GetProperty("trainee");
        trainee.GetProperty("firstName").GetString().ShouldBe(t.FirstName);
        trainee.GetProperty("lastName").GetString().ShouldBe(t.LastName);
        trainee.GetProperty("nationalId").GetString().ShouldBe(NationalId.Format(t.NationalId));
        trainee.GetProperty("phone").GetString().ShouldBe(t.Phone);
        trainee.GetProperty("email").GetString().ShouldBe(t.Email);
        var enrolment = json.GetProperty("enrolments").EnumerateArray().ShouldHaveSingleItem();
        enrolment.GetProperty("cohortId").GetInt64().ShouldBe(_data.Cohort.Id);
        enrolment.GetProperty("completed").GetBoolean().ShouldBeTrue();
        enrolment.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("status").GetString()).ShouldBe(["present", "present"]);
        var certificate = json.GetProperty("certificates").EnumerateArray().ShouldHaveSingleItem();
        var code = await _app.DbAsync(db => db.Certificates.Where(c => c.TraineeId == t.Id).Select(c => c.Code).SingleAsync());
        certificate.GetProperty("code").GetString().ShouldBe(code);
        json.GetProperty("accounts").EnumerateArray().ShouldHaveSingleItem().GetProperty("email").GetString().ShouldBe(ParticipantEmail);
        json.GetProperty("personalDataAudit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ShouldBe(["reveal", "export"]);
        (await AuditAsync()).Select(a => a.Action).ShouldBe([PersonalDataAction.Reveal, PersonalDataAction.Export]);
    }

    [Fact]
    public async Task Erasure_anonymises_the_person_keeps_the_numbers_and_the_certificate_verifiable()
    {
        var t = _data.Trainees[0];
        var certificate = await _app.DbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.TraineeId == t.Id));
        var anonymous = _app.CreateBrowserClient();
        var before = await CountsAsync();
        var rosterBefore = await RosterAsync();

        // Staff may not erase; the admin must tick the box.
        (await _staff.GetDocumentAsync(DetailsUrl(0))).QuerySelector("form[data-testid=erase-form]").ShouldBeNull();
        (await _staff.PostWithTokenAsync(DetailsUrl(0), DetailsUrl(0) + "&handler=Erase", new Dictionary<string, string> { ["confirm"] = "true" }))
            .StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        var admin = await _app.SignedInClientAsync("admin@example.org");
        await admin.SubmitFormAsync(DetailsUrl(0), new Dictionary<string, string>(), "form[data-testid=erase-form]");
        (await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(x => x.Id == t.Id))).ErasedAt.ShouldBeNull("not confirmed");
        var erased = await admin.SubmitFormAsync(DetailsUrl(0), new Dictionary<string, string> { ["confirm"] = "true" }, "form[data-testid=erase-form]");
        erased.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The record: nothing that identifies the person.
        var row = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(x => x.Id == t.Id));
        row.FullName.ShouldBe("ผู้ขอลบข้อมูล");
        new object?[] { row.NationalIdCipher, row.NationalIdHash, row.NationalIdMasked, row.Phone, row.Email, row.BirthDate, row.Title }.ShouldAllBe(v => v == null);
        var page = await admin.GetDocumentAsync(DetailsUrl(0));
        page.QuerySelector("[data-testid=erased]").ShouldNotBeNull();
        page.Body!.TextContent.ShouldNotContain(t.LastName);
        // Searching for the old ID finds no one.
        var search = await _staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = t.NationalId }, "form[data-testid=search-form]");
        search.Headers.Location!.OriginalString.ShouldBe("/Trainees");

        // Reports count the same: enrolments, completions, attendance, roster lines.
        (await CountsAsync()).ShouldBe(before);
        var rosterAfter = await RosterAsync();
        rosterAfter.Select(r => (r.TraineeId, r.Completed)).ShouldBe(rosterBefore.Select(r => (r.TraineeId, r.Completed)));
        rosterAfter.Single(r => r.TraineeId == t.Id).Name.ShouldBe("ผู้ขอลบข้อมูล");

        // The certificate: still valid to anyone checking the code, without the name, in Thai and English; the PDF is gone.
        var verify = PageDriver.Parse(await (await anonymous.GetAsync("/verify/" + certificate.Code.Replace("-", ""))).Content.ReadAsStringAsync());
        verify.QuerySelector("[data-testid=verify-result]")!.GetAttribute("data-status").ShouldBe("valid");
        verify.QuerySelector("[data-testid=holder-erased]")!.TextContent.ShouldContain("ออกให้แก่บุคคลที่ได้ขอให้ลบข้อมูลส่วนบุคคลแล้ว");
        verify.QuerySelector("[data-testid=holder]").ShouldBeNull();
        verify.Body!.TextContent.ShouldNotContain(t.FirstName);
        var english = _app.CreateClient();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        var verifyEn = PageDriver.Parse(await (await english.GetAsync("/verify/" + certificate.Code.Replace("-", ""))).Content.ReadAsStringAsync());
        verifyEn.QuerySelector("[data-testid=holder-erased]")!.TextContent.ShouldContain("Issued to a person whose record was erased");
        var facts = JsonDocument.Parse(await (await anonymous.GetAsync($"/api/v1/certificates/{certificate.Code}")).Content.ReadAsStringAsync()).RootElement;
        facts.GetProperty("status").GetString().ShouldBe("valid");
        facts.GetProperty("holderErased").GetBoolean().ShouldBeTrue();
        facts.GetProperty("holderName").GetString().ShouldBeEmpty();
        (await _staff.GetAsync($"/api/v1/certificates/{certificate.Code}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var stored = await _app.DbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == certificate.Id));
        stored.Pdf.ShouldBeNull();
        stored.PdfSha256.ShouldBe(certificate.PdfSha256, "the fingerprint of the paper copy stays");
        stored.Status.ShouldBe(CertificateStatus.Valid);
        (await _app.DbAsync(db => db.CertificateBatches.AnyAsync(b => b.CohortId == _data.Cohort.Id && b.Zip != null))).ShouldBeFalse("the cohort ZIP held the PDF");
        // Others in the cohort are untouched.
        PageDriver.Parse(await (await anonymous.GetAsync("/verify/" + (await _app.DbAsync(db => db.Certificates.Where(c => c.TraineeId == _data.Trainees[1].Id)
            .Select(c => c.Code).SingleAsync())).Replace("-", ""))).Content.ReadAsStringAsync()).QuerySelector("[data-testid=holder]").ShouldNotBeNull();

        // The participant account: cannot sign in any more, and no longer carries the e-mail.
        var signIn = await _app.CreateBrowserClient().SignInAsync(ParticipantEmail);
        signIn.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        var account = await _app.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.TraineeId == t.Id));
        account.IsDisabled.ShouldBeTrue();
        account.Email.ShouldNotBe(ParticipantEmail);
        account.PasswordHash.ShouldBeNull();
        (await _app.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == t.Email || m.To == ParticipantEmail))).ShouldBeFalse();

        // Audited: who and when, nothing of what was erased.
        var audit = (await AuditAsync()).ShouldHaveSingleItem();
        audit.Action.ShouldBe(PersonalDataAction.Erase);
        audit.UserName.ShouldBe("ผู้ดูแล ระบบ");
        audit.TraineeId.ShouldBe(t.Id);
        // A second erasure is refused with a message, and a later bulk issue does not print a certificate for the erased record.
        var again = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(x => x.Id == t.Id));
        Should.Throw<RuleViolationException>(() => again.Erase(DateTime.UtcNow));
        var issuable = await _app.InScopeAsync(sp => sp.GetRequiredService<Web.Pages.Certificates.CertificateQueries>().Eligible(_data.Cohort.Id).Select(e => e.TraineeId).ToListAsync());
        issuable.ShouldNotContain(t.Id);
    }

    private sealed record Counts(int Enrolments, int Completed, int Attendance, int Trainees, int Certificates);

    private Task<Counts> CountsAsync() => _app.DbAsync(async db => new Counts(
        await db.Enrollments.CountAsync(e => e.CohortId == _data.Cohort.Id), await db.Enrollments.CountAsync(e => e.CohortId == _data.Cohort.Id && e.Completed == true),
        await db.Attendance.CountAsync(), await db.Trainees.CountAsync(), await db.Certificates.CountAsync(c => c.Status == CertificateStatus.Valid)));

    private sealed record RosterLine(long TraineeId, string Name, bool Completed);

    private async Task<List<RosterLine>> RosterAsync()
    {
        var api = await _app.ApiClientAsync("staff@example.org");
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/cohorts/{_data.Cohort.Id}/roster")).RootElement;
        return json.EnumerateArray().Select(r => new RosterLine(r.GetProperty("traineeId").GetInt64(), r.GetProperty("name").GetString()!, r.GetProperty("completed").GetBoolean()))
            .OrderBy(r => r.TraineeId).ToList();
    }
}
