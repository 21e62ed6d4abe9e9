using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Performance;

/// <summary>The benchmark's round-trip counter: opt-in, and it shows that a list page's query count does not grow with the list.</summary>
public class QueryCountingTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Diagnostics:CountQueries"] = "true" });
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task AddTraineesAsync(int from, int count) => _app.DbAsync(async db =>
    {
        for (var i = from; i < from + count; i++)
            db.Trainees.Add(new Trainee { Title = "นาง", FirstName = "สมศรี", LastName = $"ใจดี{i}", NationalId = NationalId.WithCheckDigit("3" + (10_000_000_000L + i).ToString("D11", System.Globalization.CultureInfo.InvariantCulture)) });
        return await db.SaveChangesAsync();
    });

    private static async Task<int> CommandsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return int.Parse(response.Headers.GetValues("X-Db-Commands").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_trainee_search_is_one_command_for_3_and_for_60_trainees_and_still_counts_them_all()
    {
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        var client = await _app.SignedInClientAsync("staff@example.org");
        await AddTraineesAsync(0, 3);
        var few = await CommandsAsync(client, "/Trainees?q=สมศรี");
        await AddTraineesAsync(3, 57);
        var many = await CommandsAsync(client, "/Trainees?q=สมศรี");
        few.ShouldBe(1, "the page and its total in one query");
        many.ShouldBe(1);

        // The total rides on the page's rows: it is the whole count, not the page's, on every page.
        var first = await client.GetDocumentAsync("/Trainees?q=สมศรี");
        first.QuerySelectorAll("[data-testid=trainee-table] tbody tr").Length.ShouldBe(50);
        first.Body!.TextContent.ShouldContain("ผู้เข้าอบรม 60 คน");
        var second = await client.GetDocumentAsync("/Trainees?q=สมศรี&p=2");
        second.QuerySelectorAll("[data-testid=trainee-table] tbody tr").Length.ShouldBe(10);
        second.Body!.TextContent.ShouldContain("ผู้เข้าอบรม 60 คน");
        (await client.GetStringAsync("/Trainees?q=สมศรี&p=2")).ShouldContain("ใจดี59");
        // A page past the end has no row to carry the total: it is counted apart, and still right.
        (await client.GetDocumentAsync("/Trainees?q=สมศรี&p=9")).Body!.TextContent.ShouldContain("ผู้เข้าอบรม 60 คน");
        (await client.GetDocumentAsync("/Trainees?q=ไม่มีใครชื่อนี้")).Body!.TextContent.ShouldContain("ผู้เข้าอบรม 0 คน");
        // The whole list (no search) counts another way, in one query too.
        (await CommandsAsync(client, "/Trainees")).ShouldBe(1);
        var all = await client.GetDocumentAsync("/Trainees?p=2");
        all.QuerySelectorAll("[data-testid=trainee-table] tbody tr").Length.ShouldBe(10);
        all.Body!.TextContent.ShouldContain("ผู้เข้าอบรม 60 คน");
    }

    [Fact]
    public async Task The_cohort_roster_sends_two_commands_for_3_and_for_60_enrolments()
    {
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        var client = await _app.SignedInClientAsync("staff@example.org");
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, capacity: 100, sessions: 2);
        async Task EnrolAsync(int from, int count)
        {
            await AddTraineesAsync(from, count);
            await _app.DbAsync(async db =>
            {
                var enrolled = db.Enrollments.Where(e => e.CohortId == cohort.Id).Select(e => e.TraineeId);
                foreach (var id in await db.Trainees.Where(t => !enrolled.Contains(t.Id)).Select(t => t.Id).ToListAsync())
                    db.Enrollments.Add(new Enrollment { CohortId = cohort.Id, TraineeId = id, Status = EnrollmentStatus.Enrolled, CreatedAt = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            });
        }
        var url = $"/Training/Cohorts/Details?id={cohort.Id}";
        await EnrolAsync(0, 3);
        var few = await CommandsAsync(client, url);
        await EnrolAsync(3, 57);
        var many = await CommandsAsync(client, url);
        few.ShouldBe(2, "the cohort with its partners and sessions, then the roster");
        many.ShouldBe(few);
        (await client.GetDocumentAsync(url)).QuerySelectorAll("[data-testid=roster] tbody tr").Length.ShouldBe(60);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_header()
    {
        await using var plain = new PortalFactory(_app.ConnectionString);
        using var response = await plain.CreateClient().GetAsync("/");
        response.Headers.Contains("X-Db-Commands").ShouldBeFalse();
    }
}
