using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Training;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

public class TrainingApiTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.ApiClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_trainee_is_registered_once_bad_ids_name_the_field_and_duplicates_point_at_the_existing_one()
    {
        var id = TrainingData.NewNationalId();
        var created = await _staff.PostAsJsonAsync("/api/v1/trainees", new
        {
            title = "นางสาว",
            firstName = "ญาณี",
            lastName = "ปิ่นแก้วฟ้า",
            firstNameEn = "Yanee",
            lastNameEn = "Pinkaewfa",
            nationalId = $"{id[0]}-{id[1..5]}-{id[5..10]}-{id[10..12]}-{id[12]}",
            birthDate = "15/03/2530",
            phone = "๐๘๑-๒๓๔-๕๖๗๘",
            email = "yanee@example.org",
            lineId = "yanee.p",
            province = "Maha Sarakham",
            community = "กลุ่มทอผ้าบ้านดอน",
            pdpaConsent = true,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var traineeId = (await Json(created)).GetProperty("id").GetInt64();
        var stored = await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == traineeId));
        PortalFactory.NationalIds.Decrypt(stored.NationalIdCipher!, stored.Id).ShouldBe(id);
        stored.NationalIdMasked.ShouldBe(PartnerPrograms.Domain.Common.NationalId.Mask(id));
        stored.BirthDate.ShouldBe(new DateOnly(1987, 3, 15));
        stored.Province.ShouldBe("มหาสารคาม");
        stored.Phone.ShouldBe("081-234-5678");
        stored.PdpaConsentAt.ShouldNotBeNull();

        var bad = await _staff.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = id[..12] + ((id[12] - '0' + 1) % 10) });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Json(bad)).GetProperty("errors").TryGetProperty("nationalId", out _).ShouldBeTrue();

        var badProvince = await _staff.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = TrainingData.NewNationalId(), province = "Atlantis" });
        (await Json(badProvince)).GetProperty("errors").TryGetProperty("province", out _).ShouldBeTrue();

        var duplicate = await _staff.PostAsJsonAsync("/api/v1/trainees", new { firstName = "อีก", lastName = "คน", nationalId = id });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(duplicate)).GetProperty("existingTraineeId").GetInt64().ShouldBe(traineeId);

        var get = await Json(await _staff.GetAsync($"/api/v1/trainees/{traineeId}"));
        get.GetProperty("nationalIdMasked").GetString().ShouldBe(PartnerPrograms.Domain.Common.NationalId.Mask(id));
        get.ToString().ShouldNotContain(id);
    }

    [Fact]
    public async Task Courses_and_cohorts_list_and_a_cohort_carries_its_sessions()
    {
        var course = await _app.CourseAsync("ไลฟ์สดเพื่อการขายและรีวิวสินค้า");
        var cohort = await _app.CohortAsync(course.Id, sessions: 3);
        await _app.CohortAsync(course.Id, status: CohortStatus.Planned);

        var courses = await Json(await _staff.GetAsync("/api/v1/courses"));
        courses.EnumerateArray().ShouldContain(c => c.GetProperty("titleTh").GetString() == course.TitleTh && c.GetProperty("minAttendancePercent").GetInt32() == 80);

        var open = await Json(await _staff.GetAsync($"/api/v1/cohorts?status=open&courseId={course.Id}&province=Maha%20Sarakham"));
        open.GetProperty("total").GetInt32().ShouldBe(1);
        open.GetProperty("items")[0].GetProperty("id").GetInt64().ShouldBe(cohort.Id);
        (await Json(await _staff.GetAsync("/api/v1/cohorts?province=44"))).GetProperty("total").GetInt32().ShouldBe(2);
        (await _staff.GetAsync("/api/v1/cohorts?status=nonsense")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var detail = await Json(await _staff.GetAsync($"/api/v1/cohorts/{cohort.Id}"));
        var sessions = detail.GetProperty("sessions");
        sessions.GetArrayLength().ShouldBe(3);
        sessions[0].GetProperty("date").GetString().ShouldBe("2021-06-01");
        sessions[0].GetProperty("startTime").GetString().ShouldStartWith("09:00");
        sessions[0].GetProperty("topic").GetString().ShouldBe("ครั้งที่ 1");
        (await _staff.GetAsync("/api/v1/cohorts/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enrolment_fills_seats_then_the_waitlist_refuses_doubles_and_promotes_on_withdrawal()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, capacity: 2);
        var people = await _app.TraineesAsync(4);

        async Task<JsonElement> Enroll(long traineeId, HttpStatusCode expected)
        {
            var r = await _staff.PostAsJsonAsync($"/api/v1/cohorts/{cohort.Id}/enrollments", new { traineeId });
            r.StatusCode.ShouldBe(expected, await r.Content.ReadAsStringAsync());
            return await Json(r);
        }

        var first = await Enroll(people[0].Id, HttpStatusCode.Created);
        first.GetProperty("status").GetString().ShouldBe("enrolled");
        (await Enroll(people[1].Id, HttpStatusCode.Created)).GetProperty("status").GetString().ShouldBe("enrolled");
        (await Enroll(people[2].Id, HttpStatusCode.Created)).GetProperty("status").GetString().ShouldBe("waitlisted");
        (await Enroll(people[3].Id, HttpStatusCode.Created)).GetProperty("status").GetString().ShouldBe("waitlisted");
        await Enroll(people[0].Id, HttpStatusCode.Conflict);
        await Enroll(people[2].Id, HttpStatusCode.Conflict);
        (await _staff.PostAsJsonAsync("/api/v1/cohorts/999999/enrollments", new { traineeId = people[0].Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var withdraw = await _staff.PostAsync($"/api/v1/enrollments/{first.GetProperty("enrollmentId").GetInt64()}/withdraw", null);
        withdraw.StatusCode.ShouldBe(HttpStatusCode.OK);
        var roster = (await Json(await _staff.GetAsync($"/api/v1/cohorts/{cohort.Id}/roster"))).EnumerateArray().ToList();
        string StatusOf(long traineeId) => roster.Single(r => r.GetProperty("traineeId").GetInt64() == traineeId).GetProperty("status").GetString()!;
        StatusOf(people[0].Id).ShouldBe("withdrawn");
        StatusOf(people[2].Id).ShouldBe("enrolled", "the first on the waitlist took the seat");
        StatusOf(people[3].Id).ShouldBe("waitlisted");

        // A withdrawn trainee may come back: to the end of the waitlist.
        (await Enroll(people[0].Id, HttpStatusCode.Created)).GetProperty("status").GetString().ShouldBe("waitlisted");
    }

    [Fact]
    public async Task Attendance_is_recorded_per_session_and_the_roster_shows_completion_with_its_reason()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, sessions: 8);
        var people = await _app.TraineesAsync(2);
        var enrollments = await _app.EnrollAllAsync(cohort.Id, people);
        var sessions = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == cohort.Id).OrderBy(s => s.Date).Select(s => s.Id).ToListAsync());
        for (var i = 0; i < 8; i++)
        {
            var r = await _staff.PutAsJsonAsync($"/api/v1/sessions/{sessions[i]}/attendance", new[]
            {
                new { enrollmentId = enrollments[0], status = i == 7 ? "absent" : i == 6 ? "late" : "present" },
                new { enrollmentId = enrollments[1], status = i < 5 ? "present" : "excused" },
            });
            r.StatusCode.ShouldBe(HttpStatusCode.NoContent, await r.Content.ReadAsStringAsync());
        }
        // Marking again overwrites, not duplicates.
        (await _staff.PutAsJsonAsync($"/api/v1/sessions/{sessions[0]}/attendance", new[] { new { enrollmentId = enrollments[1], status = "present" } }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _staff.PutAsJsonAsync($"/api/v1/sessions/{sessions[0]}/attendance", new[] { new { enrollmentId = 999999L, status = "present" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _staff.PutAsJsonAsync($"/api/v1/sessions/{sessions[0]}/attendance", new[] { new { enrollmentId = enrollments[0], status = "asleep" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var roster = (await Json(await _staff.GetAsync($"/api/v1/cohorts/{cohort.Id}/roster"))).EnumerateArray().ToList();
        var a = roster.Single(r => r.GetProperty("enrollmentId").GetInt64() == enrollments[0]);
        a.GetProperty("completed").GetBoolean().ShouldBeTrue();
        a.GetProperty("attendance").GetProperty("attended").GetInt32().ShouldBe(7);
        a.GetProperty("attendance").GetProperty("late").GetInt32().ShouldBe(1);
        a.GetProperty("reason").GetString().ShouldBe("7 of 8 sessions (87%)");
        var b = roster.Single(r => r.GetProperty("enrollmentId").GetInt64() == enrollments[1]);
        b.GetProperty("completed").GetBoolean().ShouldBeFalse();
        b.GetProperty("attendance").GetProperty("excused").GetInt32().ShouldBe(3);
        b.GetProperty("reason").GetString().ShouldBe("5 of 8 sessions (62%), below the required 80%");
    }

    [Fact]
    public async Task Closing_fixes_completions_so_later_changes_do_not_move_them()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, sessions: 2);
        var people = await _app.TraineesAsync(2);
        var enrollments = await _app.EnrollAllAsync(cohort.Id, people);
        var sessions = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == cohort.Id).Select(s => s.Id).ToListAsync());
        foreach (var s in sessions)
            await _staff.PutAsJsonAsync($"/api/v1/sessions/{s}/attendance", new[] { new { enrollmentId = enrollments[0], status = "present" }, new { enrollmentId = enrollments[1], status = "absent" } });
        await _app.InScopeAsync(sp => sp.GetRequiredService<TrainingCommands>().CloseAsync(cohort.Id, DateTime.UtcNow));

        var fixedRows = await _app.DbAsync(db => db.Enrollments.Where(e => e.CohortId == cohort.Id).OrderBy(e => e.Id).ToListAsync());
        fixedRows[0].Completed.ShouldBe(true);
        fixedRows[0].AttendedSessions.ShouldBe(2);
        fixedRows[0].SessionCount.ShouldBe(2);
        fixedRows[1].Completed.ShouldBe(false);

        // A session added after closing (straight in the database) does not change the stored result.
        await _app.DbAsync(async db => { db.TrainingSessions.Add(new TrainingSession { CohortId = cohort.Id, Date = new DateOnly(2021, 9, 1), Topic = "เพิ่ม" }); return await db.SaveChangesAsync(); });
        var roster = (await Json(await _staff.GetAsync($"/api/v1/cohorts/{cohort.Id}/roster"))).EnumerateArray().ToList();
        roster.Single(r => r.GetProperty("enrollmentId").GetInt64() == enrollments[0]).GetProperty("completed").GetBoolean().ShouldBeTrue();

        (await _staff.PutAsJsonAsync($"/api/v1/sessions/{sessions[0]}/attendance", new[] { new { enrollmentId = enrollments[1], status = "present" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "attendance of a closed cohort is fixed");
        (await _staff.PostAsJsonAsync($"/api/v1/cohorts/{cohort.Id}/enrollments", new { traineeId = (await _app.TraineesAsync(1))[0].Id }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_simultaneous_enrolments_never_exceed_the_capacity()
    {
        var course = await _app.CourseAsync();
        for (var round = 0; round < 5; round++)
        {
            var cohort = await _app.CohortAsync(course.Id, capacity: 1);
            var people = await _app.TraineesAsync(2);
            var results = await Task.WhenAll(people.Select(p => _app.InScopeAsync(sp =>
                sp.GetRequiredService<TrainingCommands>().EnrollAsync(cohort.Id, p.Id, DateTime.UtcNow))));
            results.Count(r => r.Status == EnrollmentStatus.Enrolled).ShouldBe(1, $"round {round}");
            results.Count(r => r.Status == EnrollmentStatus.Waitlisted).ShouldBe(1);
        }

        // And over HTTP, ten at once into five seats.
        var big = await _app.CohortAsync(course.Id, capacity: 5);
        var ten = await _app.TraineesAsync(10);
        var responses = await Task.WhenAll(ten.Select(t => _staff.PostAsJsonAsync($"/api/v1/cohorts/{big.Id}/enrollments", new { traineeId = t.Id })));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        (await _app.DbAsync(db => db.Enrollments.CountAsync(e => e.CohortId == big.Id && e.Status == EnrollmentStatus.Enrolled))).ShouldBe(5);
        (await _app.DbAsync(db => db.Enrollments.CountAsync(e => e.CohortId == big.Id && e.Status == EnrollmentStatus.Waitlisted))).ShouldBe(5);
    }

    [Fact]
    public async Task The_same_trainee_enrolled_twice_at_once_is_stored_once()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id);
        var person = (await _app.TraineesAsync(1))[0];
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _staff.PostAsJsonAsync($"/api/v1/cohorts/{cohort.Id}/enrollments", new { traineeId = person.Id })));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(2);
    }

    [Fact]
    public async Task Partners_see_rosters_of_their_cohorts_only_read_only_and_others_get_404()
    {
        var msu = await _app.CreateOrganizationAsync("มหาวิทยาลัยมหาสารคาม", OrganizationKind.University);
        var gsb = await _app.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank);
        await _app.CreateUserAsync("msu@example.org", Roles.Partner, msu.Id);
        await _app.CreateUserAsync("gsb@example.org", Roles.Partner, gsb.Id);
        var course = await _app.CourseAsync();
        var theirs = await _app.CohortAsync(course.Id, partners: [msu.Id], sessions: 1);
        var other = await _app.CohortAsync(course.Id, partners: [gsb.Id], sessions: 1);
        var people = await _app.TraineesAsync(3);
        await _app.EnrollAllAsync(theirs.Id, people.Take(2));
        await _app.EnrollAllAsync(other.Id, people.Skip(1));
        var trainee = people[0];
        await _app.CreateUserAsync("me@example.org", Roles.Participant, traineeId: trainee.Id);

        var partner = await _app.ApiClientAsync("msu@example.org");
        (await partner.GetAsync($"/api/v1/cohorts/{theirs.Id}/roster")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(await partner.GetAsync($"/api/v1/cohorts/{theirs.Id}/roster"))).GetArrayLength().ShouldBe(2);
        (await partner.GetAsync($"/api/v1/cohorts/{other.Id}/roster")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await partner.GetAsync($"/api/v1/cohorts/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await Json(await partner.GetAsync("/api/v1/cohorts"));
        list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ShouldBe([theirs.Id]);
        // Read-only: writes are refused.
        (await partner.PostAsJsonAsync($"/api/v1/cohorts/{theirs.Id}/enrollments", new { traineeId = people[2].Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await partner.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = TrainingData.NewNationalId() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Pages: the partner's cohort opens read-only, the other is 404, and so are the staff-only pages.
        var web = await _app.SignedInClientAsync("msu@example.org");
        var page = await web.GetDocumentAsync($"/Training/Cohorts/Details?id={theirs.Id}");
        page.QuerySelectorAll("[data-testid=roster] tbody tr").Length.ShouldBe(2);
        page.QuerySelector("[data-testid=enroll-form]").ShouldBeNull();
        page.QuerySelectorAll("main form[method=post]").Length.ShouldBe(0, "no write forms for a partner");
        (await web.GetAsync($"/Training/Cohorts/Details?id={other.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var sessionId = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == theirs.Id).Select(s => s.Id).SingleAsync());
        var otherSession = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == other.Id).Select(s => s.Id).SingleAsync());
        (await web.GetAsync($"/Training/Sessions/Attendance?id={sessionId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await web.GetAsync($"/Training/Sessions/Attendance?id={otherSession}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await web.GetAsync($"/Training/Cohorts/Details?id={other.Id}&handler=Export&kind=roster&format=csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await web.GetAsync($"/Training/Cohorts/Details?id={theirs.Id}&handler=Export&kind=roster&format=csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await web.GetAsync("/Trainees")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "staff only: access denied");

        // A participant does not see rosters at all, but sees their own cohort on My training.
        var me = await _app.ApiClientAsync("me@example.org");
        (await me.GetAsync($"/api/v1/cohorts/{theirs.Id}/roster")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var mine = await Json(await me.GetAsync("/api/v1/cohorts"));
        mine.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ShouldBe([theirs.Id]);
        var meWeb = await _app.SignedInClientAsync("me@example.org");
        (await meWeb.GetAsync($"/Training/Cohorts/Details?id={theirs.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var my = await meWeb.GetDocumentAsync("/Training/My");
        my.QuerySelectorAll("[data-testid=my-cohort]").Length.ShouldBe(1);
    }
}
