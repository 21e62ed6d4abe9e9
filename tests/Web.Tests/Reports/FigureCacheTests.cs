using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Reports;

/// <summary>
/// The dashboards, the programme report and the MOU list's load per partner are cached per instance (FigureCache) and
/// invalidated by the database: a change made anywhere shows on the next request, and a partner's cached figures are
/// never anyone else's. Its own world: these tests change the data.
/// </summary>
public sealed class FigureCacheTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private async Task<int> OverdueAsync(PortalFactory app, string email)
    {
        var api = await app.ApiClientAsync(email);
        var response = await api.GetAsync("/api/v1/reports/summary");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overdueActions").GetInt32();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(world.App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        (await cmd.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_change_made_elsewhere_shows_on_the_next_request_and_scopes_never_mix()
    {
        // Read everything once so that every figure is cached: staff, partner A and partner B each have their own.
        (await OverdueAsync(world.App, "staff@example.org")).ShouldBe(3);
        (await OverdueAsync(world.App, "a@example.org")).ShouldBe(2);
        (await OverdueAsync(world.App, "b@example.org")).ShouldBe(1);
        (await OverdueAsync(world.App, "staff@example.org")).ShouldBe(3, "a partner's cached figures are not served to staff");
        var staff = await world.App.SignedInClientAsync("staff@example.org");
        (await PartnerLoadOverdueAsync(staff, "กรมการพัฒนาชุมชน")).ShouldBe(1);

        // Another portal instance (or anyone with SQL) closes B's overdue action: nothing tells this instance but the database.
        await ExecuteAsync("update mou_actions set status = 'Done', percent = 100 where title = 'สำรวจวิสาหกิจชุมชน'");

        (await OverdueAsync(world.App, "staff@example.org")).ShouldBe(2);
        (await OverdueAsync(world.App, "b@example.org")).ShouldBe(0);
        (await OverdueAsync(world.App, "a@example.org")).ShouldBe(2);
        (await PartnerLoadOverdueAsync(staff, "กรมการพัฒนาชุมชน")).ShouldBe(0);

        // A second instance on the same database computes its own figures, and sees its own writes and the first's.
        await using var second = new PortalFactory(world.App.ConnectionString);
        (await OverdueAsync(second, "staff@example.org")).ShouldBe(2);
        await ExecuteAsync("update mou_actions set status = 'InProgress', percent = 50 where title = 'สำรวจวิสาหกิจชุมชน'");
        (await OverdueAsync(second, "staff@example.org")).ShouldBe(3);
        (await OverdueAsync(world.App, "staff@example.org")).ShouldBe(3);
    }

    [Fact]
    public async Task A_new_organisation_appears_in_the_report_filters_at_once()
    {
        var staff = await world.App.SignedInClientAsync("staff@example.org");
        (await staff.GetDocumentAsync("/Reports/Programme")).QuerySelectorAll("select[name=partnerId] option").Select(o => o.TextContent.Trim())
            .ShouldNotContain("สหกรณ์ออมทรัพย์ทดสอบแคช");
        await world.App.CreateOrganizationAsync("สหกรณ์ออมทรัพย์ทดสอบแคช");
        (await staff.GetDocumentAsync("/Reports/Programme")).QuerySelectorAll("select[name=partnerId] option").Select(o => o.TextContent.Trim())
            .ShouldContain("สหกรณ์ออมทรัพย์ทดสอบแคช");
        (await staff.GetDocumentAsync("/Mous")).QuerySelectorAll("select[name=partnerId] option").Select(o => o.TextContent.Trim())
            .ShouldContain("สหกรณ์ออมทรัพย์ทดสอบแคช");
    }

    [Fact]
    public async Task Warm_pages_read_their_cached_figures_without_queries_of_their_own()
    {
        await using var counted = new PortalFactory(world.App.ConnectionString, new Dictionary<string, string?> { ["Diagnostics:CountQueries"] = "true" });
        var client = await counted.SignedInClientAsync("staff@example.org");
        static async Task<int> CommandsAsync(HttpClient c, string url)
        {
            using var response = await c.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return int.Parse(response.Headers.GetValues("X-Db-Commands").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
        (await CommandsAsync(client, "/Mous")).ShouldBeGreaterThan(1, "cold: the per-partner load and the organisations are computed");
        (await CommandsAsync(client, "/Mous")).ShouldBe(1, "warm: the page, its total and the data version in one statement");
        (await CommandsAsync(client, "/")).ShouldBeGreaterThan(1);
        (await CommandsAsync(client, "/")).ShouldBe(1, "warm: the data version only");
        (await CommandsAsync(client, "/Reports/Programme")).ShouldBeGreaterThan(1);
        (await CommandsAsync(client, "/Reports/Programme")).ShouldBe(1);
    }

    /// <summary>The "Overdue" cell of an organisation's row in the MOU list's open-actions-per-partner table.</summary>
    private static async Task<int> PartnerLoadOverdueAsync(HttpClient client, string organisation)
    {
        var page = await client.GetDocumentAsync("/Mous");
        var row = page.QuerySelectorAll("[data-testid=partner-load] tbody tr").SingleOrDefault(r => r.QuerySelector("td")!.TextContent.Trim() == organisation);
        return row is null ? 0 : int.Parse(row.QuerySelectorAll("td")[2].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
