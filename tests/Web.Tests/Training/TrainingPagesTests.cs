using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

public class TrainingPagesTests : IAsyncLifetime
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

    private static string Inv(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staff_run_a_programme_through_the_pages_catalogue_cohort_sessions_enrolment_attendance_and_closing()
    {
        var msu = await _app.CreateOrganizationAsync("มหาวิทยาลัยมหาสารคาม", PartnerPrograms.Domain.Organizations.OrganizationKind.University);
        var saved = await _staff.SubmitFormAsync("/Training/Courses/Edit", new Dictionary<string, string>
        {
            ["Input.TitleTh"] = "ไลฟ์สดเพื่อการขายและรีวิวสินค้า",
            ["Input.TitleEn"] = "Live-selling and product reviews",
            ["Input.Hours"] = "9",
            ["Input.MinAttendancePercent"] = "50",
            ["Input.Syllabus"] = "เตรียมการไลฟ์สด\nการรีวิวสินค้า",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var courseId = await _app.DbAsync(db => db.Courses.Where(c => c.TitleTh == "ไลฟ์สดเพื่อการขายและรีวิวสินค้า").Select(c => c.Id).SingleAsync());
        (await _staff.GetDocumentAsync("/Training/Courses")).QuerySelector("[data-testid=course-table]")!.TextContent.ShouldContain("เข้าอบรมอย่างน้อยร้อยละ 50");

        var created = await _staff.SubmitFormAsync($"/Training/Cohorts/Edit?courseId={courseId}", new Dictionary<string, string>
        {
            ["Input.CourseId"] = Inv(courseId),
            ["Input.Name"] = "รุ่นที่ 1/2564",
            ["Input.PartnerIds"] = Inv(msu.Id),
            ["Input.Province"] = "Maha Sarakham",
            ["Input.StartDate"] = "2021-06-05",
            ["Input.EndDate"] = "2021-06-26",
            ["Input.Capacity"] = "2",
            ["Input.Status"] = "Open",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cohortUrl = created.Headers.Location!.OriginalString;
        var cohortId = await _app.DbAsync(db => db.Cohorts.Select(c => c.Id).SingleAsync());
        (await _app.DbAsync(db => db.Cohorts.SingleAsync())).Province.ShouldBe("มหาสารคาม");
        // The date field shows the day as Thai people write it: dd/MM/yyyy in the Buddhist era.
        (await _app.DbAsync(db => db.Cohorts.SingleAsync())).StartDate.ShouldBe(new DateOnly(2021, 6, 5));
        var editPage = await _staff.GetDocumentAsync($"/Training/Cohorts/Edit?id={cohortId}");
        editPage.QuerySelector("input[name='Input.StartDate']")!.GetAttribute("value").ShouldBe("05/06/2564");

        foreach (var (date, topic) in new[] { ("2021-06-05", "เตรียมการไลฟ์สด"), ("2021-06-12", "การรีวิวสินค้า") })
            (await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string>
            {
                ["NewSession.Date"] = date,
                ["NewSession.StartTime"] = "09:00",
                ["NewSession.EndTime"] = "12:00",
                ["NewSession.Topic"] = topic,
            }, "form[data-testid=add-session]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await _staff.GetDocumentAsync(cohortUrl);
        page.QuerySelectorAll("[data-testid=sessions] li").Length.ShouldBe(2);
        page.QuerySelector("[data-testid=sessions]")!.TextContent.ShouldContain("5 มิถุนายน 2564");

        var people = await _app.TraineesAsync(3);
        foreach (var p in people)
            (await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string> { ["EnrollNationalId"] = NationalId.Format(p.NationalId) }, "form[data-testid=enroll-form]"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string> { ["EnrollNationalId"] = people[0].NationalId }, "form[data-testid=enroll-form]");
        again.StatusCode.ShouldBe(HttpStatusCode.OK); // said at the box (EnrollBoxTests), not after a redirect
        PageDriver.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("#EnrollNationalId-error")!
            .TextContent.ShouldContain("อยู่ในรุ่นนี้แล้ว");
        page = await _staff.GetDocumentAsync(cohortUrl);
        page.QuerySelector("[data-testid=seats]")!.TextContent.Trim().ShouldBe("2 / 2");
        page.QuerySelector("[data-testid=roster]")!.TextContent.ShouldContain("รอคิว");
        page.QuerySelector("[data-testid=roster]")!.TextContent.ShouldNotContain(people[0].NationalId);

        // Attendance on one screen: the first session for everyone, the second only for one person.
        var sessions = await _app.DbAsync(db => db.TrainingSessions.OrderBy(s => s.Date).Select(s => s.Id).ToListAsync());
        var enrolled = await _app.DbAsync(db => db.Enrollments.Where(e => e.Status == EnrollmentStatus.Enrolled).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        var sheet = await _staff.GetDocumentAsync($"/Training/Sessions/Attendance?id={sessions[0]}");
        sheet.QuerySelectorAll("[data-testid=attendance-form] li").Length.ShouldBe(2);
        sheet.QuerySelectorAll("input[type=radio]:checked").Length
            .ShouldBe(0, "nobody is marked until the officer marks them");
        (await _staff.SubmitFormAsync($"/Training/Sessions/Attendance?id={sessions[0]}", new Dictionary<string, string>
        {
            [$"marks[{enrolled[0]}]"] = "Present",
            [$"marks[{enrolled[1]}]"] = "Late",
        }, "form[data-testid=attendance-form]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _staff.SubmitFormAsync($"/Training/Sessions/Attendance?id={sessions[1]}", new Dictionary<string, string>
        {
            [$"marks[{enrolled[0]}]"] = "Absent",
            [$"marks[{enrolled[1]}]"] = "Excused",
        }, "form[data-testid=attendance-form]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reloaded = await _staff.GetDocumentAsync($"/Training/Sessions/Attendance?id={sessions[1]}");
        ((IHtmlInputElement)reloaded.QuerySelector($"#m{enrolled[1]}Excused")!).IsChecked.ShouldBeTrue();

        page = await _staff.GetDocumentAsync(cohortUrl);
        var completion = page.QuerySelectorAll("[data-testid=completion]").Select(c => c.TextContent).ToList();
        completion.ShouldContain(c => c.Contains("ผ่านการอบรม") && c.Contains("เข้าอบรม 1 จาก 2 ครั้ง (ร้อยละ 50)"));

        // Withdrawing the second promotes the waitlisted third.
        // The row's button submits the roster's one withdraw form with its enrolment, as a browser does.
        var withdraw = page.QuerySelector($"tr[data-enrollment='{enrolled[1]}'] button[form=withdraw]").ShouldNotBeNull();
        (await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string> { [withdraw.GetAttribute("name")!] = withdraw.GetAttribute("value")! }, "form#withdraw"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.DbAsync(db => db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Enrolled))).ShouldBe(2);
        (await _app.DbAsync(db => db.Enrollments.SingleAsync(e => e.TraineeId == people[2].Id))).Status.ShouldBe(EnrollmentStatus.Enrolled);

        // Closing fixes the completions.
        (await _staff.SubmitFormAsync(cohortUrl, new Dictionary<string, string>(), "form[action*='handler=Close']")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = await _app.DbAsync(db => db.Enrollments.Where(e => e.Status == EnrollmentStatus.Enrolled).OrderBy(e => e.Id).ToListAsync());
        closed.ShouldAllBe(e => e.CompletionFixedAt != null);
        closed[0].Completed.ShouldBe(true);
        closed[1].Completed.ShouldBe(false);
        page = await _staff.GetDocumentAsync(cohortUrl);
        page.QuerySelector("[data-testid=cohort-status]")!.TextContent.ShouldBe("จบการอบรมแล้ว");
        page.QuerySelector("[data-testid=enroll-form]").ShouldBeNull();

        // The trainee's history lists the cohort.
        var history = await _staff.GetDocumentAsync($"/Trainees/Details?id={people[0].Id}");
        history.QuerySelector("[data-testid=history]")!.TextContent.ShouldContain("รุ่นที่ 1/2564");
        history.QuerySelector("[data-testid=history]")!.TextContent.ShouldContain("ผ่านการอบรม");
    }

    [Fact]
    public async Task Registering_a_trainee_never_shows_the_full_ID_back_and_an_empty_edit_keeps_it()
    {
        var id = TrainingData.NewNationalId();
        var response = await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "นาง",
            ["Input.FirstName"] = "มาลัย",
            ["Input.LastName"] = "ทองดี",
            ["Input.NationalId"] = id[..1] + " " + id[1..],
            ["Input.BirthDate"] = "1 ม.ค. 2510",
            ["Input.Province"] = "ขอนแก่น",
            ["Input.PdpaConsent"] = "true",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await _staff.GetDocumentAsync(response.Headers.Location!.OriginalString);
        details.QuerySelector("[data-testid=national-id]")!.TextContent.ShouldBe(NationalId.Mask(id));
        details.Body!.InnerHtml.ShouldNotContain(id[5..10]);
        details.Body!.TextContent.ShouldContain("1 มกราคม 2510");
        details.Body!.TextContent.ShouldContain("สมใจ ใจดี", Case.Sensitive, "who recorded the PDPA consent");
        var traineeId = await _app.DbAsync(db => db.Trainees.Where(t => t.NationalIdHash == PortalFactory.NationalIds.Hash(id)).Select(t => t.Id).SingleAsync());
        var edit = await _staff.GetDocumentAsync($"/Trainees/Edit?id={traineeId}");
        // Not prefilled (PDPA): the page shows the masked number, and saving with the field empty keeps the stored one.
        ((IHtmlInputElement)edit.QuerySelector("#Input_NationalId")!).Value.ShouldBeEmpty();
        edit.QuerySelector("[data-testid=national-id-kept]")!.TextContent.ShouldContain(NationalId.Mask(id));
        edit.Body!.InnerHtml.ShouldNotContain(id[5..10]);
        var saved = await _staff.SubmitFormAsync($"/Trainees/Edit?id={traineeId}", new Dictionary<string, string> { ["Input.LastName"] = "ทองดีมาก" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var afterEdit = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.Id == traineeId));
        afterEdit.LastName.ShouldBe("ทองดีมาก");
        PortalFactory.NationalIds.Decrypt(afterEdit.NationalIdCipher!, afterEdit.Id).ShouldBe(id);

        // Searching by the full ID posts (the ID never goes into a URL) and opens the person.
        var found = await _staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = NationalId.Format(id) }, "form[data-testid=search-form]");
        found.Headers.Location!.OriginalString.ShouldBe($"/Trainees/Details?id={traineeId}");
        var byName = await _staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = "มาลัย" }, "form[data-testid=search-form]");
        var list = await _staff.GetDocumentAsync(byName.Headers.Location!.OriginalString);
        list.QuerySelector("[data-testid=trainee-table]")!.TextContent.ShouldContain("มาลัย");
        list.Body!.InnerHtml.ShouldNotContain(id[5..10]);

        // The same ID again is refused with the reason and a link to the registered person.
        var twice = await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "อีก",
            ["Input.LastName"] = "คน",
            ["Input.NationalId"] = id,
        });
        twice.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = PageDriver.Parse(await twice.Content.ReadAsStringAsync());
        errors.QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ลงทะเบียนไว้แล้ว");
        var wrong = await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "ผิด",
            ["Input.LastName"] = "เลข",
            ["Input.NationalId"] = "1234567890123",
        });
        PageDriver.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("หลักตรวจสอบไม่ตรง");
    }

    [Fact]
    public async Task A_search_for_percent_or_underscore_finds_them_literally()
    {
        var percent = (await _app.TraineesAsync(1, "กลุ่มผักอินทรีย์ 100% บ้านโนนสูง"))[0];
        var thousand = (await _app.TraineesAsync(1, "กลุ่มผักอินทรีย์ 1000 ไร่ บ้านโนนสูง"))[0];
        var underscore = (await _app.TraineesAsync(1, "กลุ่ม_ทอผ้า_บ้านนา"))[0];
        var other = (await _app.TraineesAsync(1, "กลุ่มXทอผ้าXบ้านนา"))[0];
        async Task<List<string>> Found(string q) => (await _staff.GetDocumentAsync("/Trainees?q=" + Uri.EscapeDataString(q)))
            .QuerySelectorAll("a[href^='/Trainees/Details']").Select(a => a.GetAttribute("href")!).ToList();
        (await Found("100%")).ShouldBe([$"/Trainees/Details?id={percent.Id}"]);
        (await Found("100")).Count.ShouldBe(2);
        (await Found("กลุ่ม_ทอผ้า")).ShouldBe([$"/Trainees/Details?id={underscore.Id}"]);
        (await Found("ทอผ้า")).ShouldContain($"/Trainees/Details?id={other.Id}");
    }

    [Fact]
    public async Task Every_training_page_renders_in_Thai_and_English_for_staff()
    {
        var course = await _app.CourseAsync(passMark: 60);
        var cohort = await _app.CohortAsync(course.Id, sessions: 2);
        var people = await _app.TraineesAsync(2);
        await _app.EnrollAllAsync(cohort.Id, people);
        var session = await _app.DbAsync(db => db.TrainingSessions.Select(s => s.Id).FirstAsync());
        var urls = new[]
        {
            "/Training/Courses", "/Training/Courses/Edit", $"/Training/Courses/Edit?id={course.Id}", "/Training/Cohorts", "/Training/Cohorts?status=Open&province=44",
            "/Training/Cohorts/Edit", $"/Training/Cohorts/Edit?id={cohort.Id}", $"/Training/Cohorts/Details?id={cohort.Id}", $"/Training/Sessions/Attendance?id={session}",
            "/Trainees", "/Trainees?q=สมชาย", "/Trainees/Edit", $"/Trainees/Edit?id={people[0].Id}", $"/Trainees/Details?id={people[0].Id}", "/Trainees/Import",
        };
        foreach (var url in urls) (await _staff.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        foreach (var url in urls) (await _staff.GetAsync(url + (url.Contains('?') ? "&" : "?") + "culture=en-GB&ui-culture=en-GB")).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        (await _staff.GetAsync("/Training/Cohorts/Details?id=999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _staff.GetAsync("/Trainees/Import?id=" + Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Demo_data_seeds_once_and_links_the_demo_participant_to_a_trainee()
    {
        for (var i = 0; i < 2; i++)
            await _app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        var counts = await _app.DbAsync(async db => new
        {
            Courses = await db.Courses.CountAsync(),
            Cohorts = await db.Cohorts.CountAsync(),
            Trainees = await db.Trainees.CountAsync(),
            Closed = await db.Cohorts.CountAsync(c => c.Status == CohortStatus.Completed),
            Completed = await db.Enrollments.CountAsync(e => e.Completed == true),
            NotCompleted = await db.Enrollments.CountAsync(e => e.Completed == false),
            Waiting = await db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Waitlisted),
            Linked = await db.Users.Where(u => u.Email == "participant@demo.local").Select(u => u.TraineeId).SingleAsync(),
        });
        counts.Courses.ShouldBe(7);
        counts.Cohorts.ShouldBe(3);
        counts.Trainees.ShouldBe(41);
        counts.Closed.ShouldBe(1);
        counts.Completed.ShouldBeGreaterThan(0);
        counts.NotCompleted.ShouldBeGreaterThan(0, "attendance has gaps");
        counts.Waiting.ShouldBeGreaterThan(0);
        counts.Linked.ShouldNotBeNull();
        // Marks only for sessions that have taken place: the running cohort's later sessions are still blank.
        var marked = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.Attendance.Any())
            .Select(s => new { s.Date, s.StartTime }).ToListAsync());
        marked.ShouldNotBeEmpty();
        marked.ShouldAllBe(s => AttendanceRules.HasStarted(s.Date, s.StartTime, DateTimeOffset.UtcNow));
        (await _app.DbAsync(db => db.Trainees.ToListAsync())).ShouldAllBe(t => NationalId.HasValidChecksum(PortalFactory.NationalIds.Decrypt(t.NationalIdCipher!, t.Id)));
    }
}
