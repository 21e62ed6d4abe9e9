using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

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
    public async Task The_trainee_list_sends_the_same_number_of_commands_for_3_and_for_60_trainees()
    {
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        var client = await _app.SignedInClientAsync("staff@example.org");
        await AddTraineesAsync(0, 3);
        var few = await CommandsAsync(client, "/Trainees?q=สมศรี");
        await AddTraineesAsync(3, 57);
        var many = await CommandsAsync(client, "/Trainees?q=สมศรี");
        (await client.GetStringAsync("/Trainees?q=สมศรี")).ShouldContain("ใจดี10");
        few.ShouldBeGreaterThan(0);
        many.ShouldBe(few);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_header()
    {
        await using var plain = new PortalFactory(_app.ConnectionString);
        using var response = await plain.CreateClient().GetAsync("/");
        response.Headers.Contains("X-Db-Commands").ShouldBeFalse();
    }
}
