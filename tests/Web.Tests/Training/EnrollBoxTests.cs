using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

/// <summary>
/// The enrol-by-national-ID box on a cohort's page says at the box which problem the typed number has — not 13
/// digits, a wrong check digit, nobody registered with it (with the link to register), already in the cohort — and
/// keeps what was typed. It used to clear the box and say "not found" for a mistyped digit.
/// </summary>
public class EnrollBoxTests : IAsyncLifetime
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

    [Fact]
    public async Task The_enrol_box_says_what_is_wrong_with_the_number_beside_it_and_keeps_what_was_typed()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id);
        var people = await _app.TraineesAsync(2);
        await _app.EnrollAllAsync(cohort.Id, people.Take(1));
        var url = $"/Training/Cohorts/Details?id={cohort.Id}";
        var unregistered = NationalId.WithCheckDigit("310370012345");
        var cases = new (string Typed, string Said, bool OffersRegistration)[]
        {
            ("1-1037-0012", "13 หลัก", false),
            ("1-2345-67890-12-3", "หลักตรวจสอบ", false),
            (NationalId.Format(unregistered), "ไม่พบผู้เข้าอบรม", true),
            (NationalId.Format(people[0].NationalId), "อยู่ในรุ่นนี้แล้ว", false),
        };
        foreach (var (typed, said, offersRegistration) in cases)
        {
            var response = await _staff.SubmitFormAsync(url,
                new Dictionary<string, string> { ["EnrollNationalId"] = typed }, "form[data-testid=enroll-form]");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, typed);
            var page = PageDriver.Parse(await response.Content.ReadAsStringAsync());
            var box = (IHtmlInputElement)page.QuerySelector("#EnrollNationalId")!;
            box.Value.ShouldBe(typed);
            box.GetAttribute("aria-invalid").ShouldBe("true");
            box.GetAttribute("aria-describedby").ShouldBe("EnrollNationalId-error");
            var error = page.QuerySelector("[data-testid=enroll-form] #EnrollNationalId-error").ShouldNotBeNull(typed);
            error.TextContent.ShouldContain(said, Case.Sensitive, typed);
            (page.QuerySelector("[data-testid=enroll-form] a[href='/Trainees/Edit']") is not null)
                .ShouldBe(offersRegistration, typed);
            page.QuerySelector("[data-testid=enroll-form] label[for=EnrollNationalId] .pp-required").ShouldNotBeNull();
        }
        (await _app.DbAsync(db => db.Enrollments.CountAsync())).ShouldBe(1);

        // A good number still enrols, and the page comes back through a redirect with an empty box.
        var enrolled = await _staff.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["EnrollNationalId"] = people[1].NationalId,
        }, "form[data-testid=enroll-form]");
        enrolled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.DbAsync(db => db.Enrollments.CountAsync())).ShouldBe(2);
    }
}
