using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

/// <summary>
/// The register records only what the officer marked and says so before and after saving; a session that has not
/// started takes only excused, on the page, in the API and on the trainee's own page.
/// </summary>
public class AttendanceRegisterTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The text as a reader sees it: runs of white space as one space, none at the ends.</summary>
    private static string Text(AngleSharp.Dom.IElement? e) =>
        System.Text.RegularExpressions.Regex.Replace(e.ShouldNotBeNull().TextContent, @"\s+", " ").Trim();

    private static string Url(long session) => $"/Training/Sessions/Attendance?id={session}";

    private async Task<(long Session, List<long> Enrollments, List<Trainee> People)> RegisterAsync(int people,
        DateOnly? date = null)
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, sessions: 1);
        var trainees = await _app.TraineesAsync(people);
        var enrollments = await _app.EnrollAllAsync(cohort.Id, trainees);
        var session = await _app.DbAsync(async db =>
        {
            var s = await db.TrainingSessions.SingleAsync(s => s.CohortId == cohort.Id);
            if (date is { } d) { s.Date = d; await db.SaveChangesAsync(); }
            return s.Id;
        });
        return (session, enrollments, trainees);
    }

    private static DateOnly InAMonth => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    private Task<List<AttendanceRecord>> StoredAsync(long session) =>
        _app.DbAsync(db => db.Set<AttendanceRecord>().Where(a => a.SessionId == session).ToListAsync());

    private async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await _staff.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_register_starts_unmarked_says_what_will_be_recorded_and_saves_only_the_marked()
    {
        var (session, enrollments, _) = await RegisterAsync(3);
        var page = await _staff.GetDocumentAsync(Url(session));
        page.QuerySelectorAll("input[type=radio]:checked").Length.ShouldBe(0, "nobody is shown as present by default");
        Text(page.QuerySelector("[data-testid=attendance-tally]"))
            .ShouldBe("0 มา · 0 สาย · 0 ลา · 0 ขาด · 3 ยังไม่ระบุ");
        page.QuerySelector("button[data-mark-rest]")!.TextContent.ShouldBe("ทำเครื่องหมายคนที่เหลือว่า \"มา\"");
        page.QuerySelector("script[src^='/js/attendance.js']").ShouldNotBeNull();
        page.QuerySelector("[data-testid=not-started]").ShouldBeNull();

        var saved = await FollowAsync(await _staff.SubmitFormAsync(Url(session), new Dictionary<string, string>
        {
            [$"marks[{enrollments[0]}]"] = "Present",
            [$"marks[{enrollments[1]}]"] = "Late",
        }, "form[data-testid=attendance-form]"));
        Text(saved.QuerySelector("[data-testid=flash]"))
            .ShouldBe("บันทึกการเข้าอบรมแล้ว: 1 มา · 1 สาย · 0 ลา · 0 ขาด · 1 ยังไม่ระบุ");
        (await StoredAsync(session)).Select(a => (a.EnrollmentId, a.Status)).OrderBy(a => a.EnrollmentId)
            .ShouldBe([(enrollments[0], AttendanceStatus.Present), (enrollments[1], AttendanceStatus.Late)]);
        Text(saved.QuerySelector("[data-testid=attendance-tally]"))
            .ShouldBe("1 มา · 1 สาย · 0 ลา · 0 ขาด · 1 ยังไม่ระบุ");
        ((IHtmlInputElement)saved.QuerySelector($"#m{enrollments[2]}Present")!).IsChecked.ShouldBeFalse();
    }

    [Fact]
    public async Task Before_a_session_starts_the_register_takes_only_excused_and_refuses_the_rest()
    {
        var (session, enrollments, _) = await RegisterAsync(2, InAMonth);
        var page = await _staff.GetDocumentAsync(Url(session));
        page.QuerySelector("[data-testid=not-started]")!.TextContent.ShouldContain("ก่อนเริ่มบันทึกได้เฉพาะ “ลา”");
        page.QuerySelector("button[data-mark-rest]").ShouldBeNull("nobody can be marked present ahead");
        foreach (var st in new[] { "Present", "Late", "Absent" })
            ((IHtmlInputElement)page.QuerySelector($"#m{enrollments[0]}{st}")!).IsDisabled.ShouldBeTrue(st);
        ((IHtmlInputElement)page.QuerySelector($"#m{enrollments[0]}Excused")!).IsDisabled.ShouldBeFalse();

        // A crafted POST (the disabled buttons are not the protection): refused as a whole, in Thai.
        var crafted = new Dictionary<string, string>
        {
            [$"marks[{enrollments[0]}]"] = "Excused",
            [$"marks[{enrollments[1]}]"] = "Present",
        };
        var refused = await FollowAsync(await _staff.PostWithTokenAsync(Url(session), Url(session), crafted));
        refused.QuerySelector("[data-testid=flash-error]")!.TextContent
            .ShouldContain("บันทึกว่ามา สาย หรือขาดได้เมื่อการอบรมครั้งนี้เริ่มแล้วเท่านั้น");
        (await StoredAsync(session)).ShouldBeEmpty();

        var saved = await FollowAsync(await _staff.SubmitFormAsync(Url(session),
            new Dictionary<string, string> { [$"marks[{enrollments[0]}]"] = "Excused" },
            "form[data-testid=attendance-form]"));
        Text(saved.QuerySelector("[data-testid=flash]"))
            .ShouldBe("บันทึกการเข้าอบรมแล้ว: 0 มา · 0 สาย · 1 ลา · 0 ขาด · 1 ยังไม่ระบุ");
        (await StoredAsync(session)).Single().Status.ShouldBe(AttendanceStatus.Excused);
    }

    [Fact]
    public async Task The_api_refuses_present_late_and_absent_before_the_start_with_the_usual_problem()
    {
        var (session, enrollments, _) = await RegisterAsync(1, InAMonth);
        var api = await _app.ApiClientAsync("staff@example.org");
        foreach (var status in new[] { "present", "late", "absent" })
        {
            var r = await api.PutAsJsonAsync($"/api/v1/sessions/{session}/attendance",
                new[] { new { enrollmentId = enrollments[0], status } });
            r.StatusCode.ShouldBe(HttpStatusCode.BadRequest, status);
            r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var errors = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            errors.GetProperty("status")[0].GetString()
                .ShouldStartWith("Present, late and absent can be recorded only once");
        }
        (await StoredAsync(session)).ShouldBeEmpty();
        (await api.PutAsJsonAsync($"/api/v1/sessions/{session}/attendance",
                new[] { new { enrollmentId = enrollments[0], status = "excused" } }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await StoredAsync(session)).Single().Status.ShouldBe(AttendanceStatus.Excused);
    }

    [Fact]
    public async Task The_trainees_own_page_never_shows_present_for_a_session_still_ahead()
    {
        var (session, enrollments, people) = await RegisterAsync(2, InAMonth);
        await _app.CreateUserAsync("me@example.org", Roles.Participant, traineeId: people[0].Id);
        await _app.CreateUserAsync("other@example.org", Roles.Participant, traineeId: people[1].Id);
        // The first sent an apology ahead; the second has a "present" stored before the rule existed.
        await _app.DbAsync(async db =>
        {
            AttendanceRecord Mark(long enrollment, AttendanceStatus status) =>
                new() { SessionId = session, EnrollmentId = enrollment, Status = status, RecordedAt = DateTime.UtcNow };
            db.Set<AttendanceRecord>().AddRange(Mark(enrollments[0], AttendanceStatus.Excused),
                Mark(enrollments[1], AttendanceStatus.Present));
            return await db.SaveChangesAsync();
        });
        var mine = await (await _app.SignedInClientAsync("me@example.org")).GetDocumentAsync("/Training/My");
        mine.QuerySelector("[data-testid=my-cohort] .list-group-item .badge")!.TextContent.ShouldBe("ลา");
        var theirs = await (await _app.SignedInClientAsync("other@example.org")).GetDocumentAsync("/Training/My");
        theirs.QuerySelector("[data-testid=my-cohort] .list-group-item")!.TextContent.ShouldNotContain("มา");
        theirs.QuerySelector("[data-testid=my-cohort] .list-group-item .badge").ShouldBeNull();
    }
}
