using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

/// <summary>
/// Dates and times are typed as Thai people write them (issue 18): dd/MM/yyyy in the Buddhist era, 24-hour times,
/// through the portal's own field, never the browser's date input (mm/dd/yyyy, Gregorian).
/// </summary>
public partial class DateFieldTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("""type\s*=\s*["']?(date|time|datetime-local|month|week)\b""", RegexOptions.IgnoreCase)]
    private static partial Regex NativeDateInput();

    [Fact]
    public void No_view_uses_the_browsers_date_or_time_input()
    {
        var pages = Path.Combine(PortalProcess.RepositoryRoot(), "Web", "Pages");
        var found = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => NativeDateInput().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(pages, x.f)}:{x.i + 1}")
            .ToList();
        found.ShouldBeEmpty("use <input pp-date …> or <input pp-time …> instead");
    }

    private async Task<(long CourseId, long OrgId)> CourseAsync()
    {
        var org = await _app.CreateOrganizationAsync(
            "มหาวิทยาลัยมหาสารคาม", Domain.Organizations.OrganizationKind.University);
        (await _staff.SubmitFormAsync("/Training/Courses/Edit", new Dictionary<string, string>
        {
            ["Input.TitleTh"] = "การตลาดออนไลน์",
            ["Input.Hours"] = "6",
            ["Input.MinAttendancePercent"] = "80",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (await _app.DbAsync(db => db.Courses.Select(c => c.Id).SingleAsync()), org.Id);
    }

    [Fact]
    public async Task A_buddhist_era_date_typed_on_the_cohort_form_saves_that_day_and_shows_it_back()
    {
        var (courseId, orgId) = await CourseAsync();
        var form = $"/Training/Cohorts/Edit?courseId={courseId}";
        var created = await _staff.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.CourseId"] = courseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = "รุ่นที่ 1/2567",
            ["Input.PartnerIds"] = orgId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartDate"] = "29/02/2567",
            ["Input.EndDate"] = "๑๕.๐๓.๒๕๖๗",
            ["Input.Capacity"] = "20",
            ["Input.Status"] = "Open",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var cohort = await _app.DbAsync(db => db.Cohorts.SingleAsync());
        cohort.StartDate.ShouldBe(new DateOnly(2024, 2, 29));
        cohort.EndDate.ShouldBe(new DateOnly(2024, 3, 15));

        var edit = await _staff.GetDocumentAsync($"/Training/Cohorts/Edit?id={cohort.Id}");
        var start = edit.QuerySelector("input[name='Input.StartDate']")!;
        start.GetAttribute("value").ShouldBe("29/02/2567");
        start.GetAttribute("type").ShouldBe("text");
        start.GetAttribute("inputmode").ShouldBe("numeric");
        start.GetAttribute("placeholder").ShouldBe("วว/ดด/ปปปป (พ.ศ.)");
        edit.QuerySelector(".pp-date")!.GetAttribute("data-months")!.ShouldStartWith("มกราคม|");
        edit.QuerySelector(".pp-date")!.GetAttribute("data-year-offset").ShouldBe("543");

        // A session: the date in the Buddhist era, times as people type them.
        var cohortUrl = $"/Training/Cohorts/Details?id={cohort.Id}";
        (await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string>
        {
            ["NewSession.Date"] = "01/03/2567",
            ["NewSession.StartTime"] = "9.00",
            ["NewSession.EndTime"] = "๑๒.๓๐",
            ["NewSession.Topic"] = "เปิดร้านออนไลน์",
        }, "form[data-testid=add-session]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await _app.DbAsync(db => db.TrainingSessions.SingleAsync());
        (session.Date, session.StartTime, session.EndTime)
            .ShouldBe((new DateOnly(2024, 3, 1), new TimeOnly(9, 0), new TimeOnly(12, 30)));
        var details = await _staff.GetDocumentAsync(cohortUrl);
        details.QuerySelector("label[for='NewSession_StartTime']")!.TextContent.ShouldBe("เวลาเริ่ม");
        details.QuerySelector("label[for='NewSession_EndTime']")!.TextContent.ShouldBe("เวลาสิ้นสุด");
    }

    [Fact]
    public async Task A_date_that_does_not_exist_is_refused_at_its_field_and_what_was_typed_stays()
    {
        var (courseId, orgId) = await CourseAsync();
        var form = $"/Training/Cohorts/Edit?courseId={courseId}";
        var page = await _staff.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.CourseId"] = courseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = "รุ่นที่ 1/2566",
            ["Input.PartnerIds"] = orgId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartDate"] = "29/02/2566",
            ["Input.Capacity"] = "20",
            ["Input.Status"] = "Open",
        });
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PageDriver.Parse(await page.Content.ReadAsStringAsync());
        var start = doc.QuerySelector("input[name='Input.StartDate']")!;
        start.GetAttribute("value").ShouldBe("29/02/2566");
        start.GetAttribute("aria-invalid").ShouldBe("true");
        doc.QuerySelector("#" + start.GetAttribute("aria-describedby"))!.TextContent
            .ShouldBe("กรุณากรอกวันที่ที่มีอยู่จริงเป็น วว/ดด/ปปปป (พ.ศ.) เช่น 15/03/2567");
        (await _app.DbAsync(db => db.Cohorts.CountAsync())).ShouldBe(0);
    }
}
