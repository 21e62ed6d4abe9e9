using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Reports;

/// <summary>The home dashboard and GET /api/v1/reports/summary on known data, per role, and the lists behind the figures.</summary>
public sealed partial class DashboardTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static JsonElement Partner(JsonElement summary, long id) =>
        summary.GetProperty("byPartner").EnumerateArray().Single(p => p.GetProperty("organizationId").GetInt64() == id);
    private static JsonElement Region(JsonElement summary, string region) =>
        summary.GetProperty("byRegion").EnumerateArray().Single(p => p.GetProperty("region").GetString() == region);

    private async Task<JsonElement> SummaryAsync(string email, string query = "")
    {
        var api = await world.App.ApiClientAsync(email);
        var response = await api.GetAsync("/api/v1/reports/summary" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Staff_summary_has_the_exact_figures_of_the_known_data()
    {
        var s = await SummaryAsync("staff@example.org");
        s.GetProperty("year").GetInt32().ShouldBe(ReportWorld.Year);
        s.GetProperty("activeMous").GetInt32().ShouldBe(2, "M1 and M2; the draft and the expired one do not count");
        s.GetProperty("overdueActions").GetInt32().ShouldBe(3, "A's two and B's blocked one; done and cancelled are not overdue");
        s.GetProperty("dueThisMonth").GetInt32().ShouldBe(1);
        s.GetProperty("cohortsRunning").GetInt32().ShouldBe(2);
        s.GetProperty("traineesRegistered").GetInt32().ShouldBe(8, "4 + 3 + 1 enrolled this year; waitlisted and withdrawn do not count");
        s.GetProperty("traineesCompleted").GetInt32().ShouldBe(3);
        s.GetProperty("certificatesIssued").GetInt32().ShouldBe(2, "the revoked certificate does not count");
        var communities = s.GetProperty("communitiesByCategory");
        (communities.GetProperty("A").GetInt32(), communities.GetProperty("B").GetInt32(), communities.GetProperty("C").GetInt32(),
            communities.GetProperty("D").GetInt32(), communities.GetProperty("unclassified").GetInt32()).ShouldBe((2, 1, 1, 1, 1));

        var a = Partner(s, world.PartnerA);
        (a.GetProperty("activeMous").GetInt32(), a.GetProperty("actions").GetInt32(), a.GetProperty("actionsDone").GetInt32(),
            a.GetProperty("overdueActions").GetInt32(), a.GetProperty("dueThisMonth").GetInt32(),
            a.GetProperty("traineesRegistered").GetInt32(), a.GetProperty("traineesCompleted").GetInt32()).ShouldBe((1, 4, 1, 2, 1, 4, 3));
        a.GetProperty("actionCompletionRate").GetDecimal().ShouldBe(25.0m);
        var b = Partner(s, world.PartnerB);
        (b.GetProperty("activeMous").GetInt32(), b.GetProperty("actions").GetInt32(), b.GetProperty("overdueActions").GetInt32(),
            b.GetProperty("traineesRegistered").GetInt32()).ShouldBe((1, 3, 1, 3));
        b.GetProperty("actionCompletionRate").GetDecimal().ShouldBe(0m, "one cancelled of three: 0 done of 2");
        Partner(s, world.Foundation).GetProperty("activeMous").GetInt32().ShouldBe(2);

        var northEast = Region(s, "NorthEast");
        (northEast.GetProperty("traineesRegistered").GetInt32(), northEast.GetProperty("traineesCompleted").GetInt32(),
            northEast.GetProperty("certificatesIssued").GetInt32()).ShouldBe((4, 3, 2));
        northEast.GetProperty("communities").GetProperty("C").GetInt32().ShouldBe(1);
        Region(s, "North").GetProperty("traineesRegistered").GetInt32().ShouldBe(3);
        Region(s, "North").GetProperty("communities").GetProperty("D").GetInt32().ShouldBe(1);
        Region(s, "Central").GetProperty("communities").GetProperty("unclassified").GetInt32().ShouldBe(1);
        Region(s, "Unknown").GetProperty("traineesRegistered").GetInt32().ShouldBe(1, "the online cohort has no province");

        var x = s.GetProperty("byCourse").EnumerateArray().Single(c => c.GetProperty("name").GetString() == ReportWorld.CourseXTitle);
        (x.GetProperty("registered").GetInt32(), x.GetProperty("completed").GetInt32(), x.GetProperty("certified").GetInt32()).ShouldBe((4, 3, 2));
        x.GetProperty("completionRate").GetDecimal().ShouldBe(75.0m);
        x.GetProperty("attendanceRate").GetDecimal().ShouldBe(81.3m, "13 of 16 sessions");
    }

    [Fact]
    public async Task Year_is_read_in_either_era_and_last_year_has_its_own_figures()
    {
        var be = await SummaryAsync("staff@example.org", "?year=" + (ReportWorld.Year - 1 + 543));
        var ce = await SummaryAsync("staff@example.org", "?year=" + (ReportWorld.Year - 1));
        be.GetProperty("traineesRegistered").GetInt32().ShouldBe(2);
        be.GetProperty("traineesCompleted").GetInt32().ShouldBe(2);
        be.GetProperty("certificatesIssued").GetInt32().ShouldBe(2);
        ce.GetRawText().ShouldBe(be.GetRawText());
        var api = await world.App.ApiClientAsync("staff@example.org");
        (await api.GetAsync("/api/v1/reports/summary?year=12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_partner_counts_only_its_own_organisations_records()
    {
        var a = await SummaryAsync("a@example.org");
        a.GetProperty("role").GetString().ShouldBe("Partner");
        a.GetProperty("activeMous").GetInt32().ShouldBe(1);
        a.GetProperty("overdueActions").GetInt32().ShouldBe(2);
        a.GetProperty("dueThisMonth").GetInt32().ShouldBe(1);
        a.GetProperty("cohortsRunning").GetInt32().ShouldBe(0);
        a.GetProperty("traineesRegistered").GetInt32().ShouldBe(4);
        a.GetProperty("traineesCompleted").GetInt32().ShouldBe(3);
        a.GetProperty("certificatesIssued").GetInt32().ShouldBe(0, "partners do not see certificates");
        a.GetProperty("communitiesByCategory").GetProperty("A").GetInt32().ShouldBe(1);
        a.GetProperty("communitiesByCategory").GetProperty("C").GetInt32().ShouldBe(1);
        a.GetProperty("communitiesByCategory").GetProperty("B").GetInt32().ShouldBe(0);
        a.GetProperty("byPartner").EnumerateArray().Select(p => p.GetProperty("organizationId").GetInt64()).ShouldNotContain(world.PartnerB);
        Region(a, "North").GetProperty("traineesRegistered").GetInt32().ShouldBe(0, "B's cohort in เชียงใหม่ is not A's");

        var b = await SummaryAsync("b@example.org");
        (b.GetProperty("activeMous").GetInt32(), b.GetProperty("overdueActions").GetInt32(), b.GetProperty("dueThisMonth").GetInt32(),
            b.GetProperty("cohortsRunning").GetInt32(), b.GetProperty("traineesRegistered").GetInt32()).ShouldBe((1, 1, 0, 1, 3));
        b.GetProperty("byPartner").EnumerateArray().Select(p => p.GetProperty("organizationId").GetInt64()).ShouldNotContain(world.PartnerA);

        // The dashboard page shows the same, and its lists hold only A's rows.
        var client = await world.App.SignedInClientAsync("a@example.org");
        var home = await client.GetDocumentAsync("/");
        Figure(home, "overdueActions").ShouldBe(2);
        Figure(home, "traineesRegistered").ShouldBe(4);
        home.QuerySelector("[data-figure=certificatesIssued]").ShouldBeNull();
        home.QuerySelector("[data-testid=annual-pdf]")!.GetAttribute("href").ShouldBe($"/api/v1/reports/partners/{world.PartnerA}/annual.pdf?year={ReportWorld.Year}");
        var overdue = await client.GetDocumentAsync(home.QuerySelector("[data-figure=overdueActions]")!.GetAttribute("href")!);
        overdue.QuerySelector("[data-testid=report-list]")!.TextContent.ShouldNotContain("สำรวจวิสาหกิจชุมชน");
        ListTotal(overdue).ShouldBe(2);
    }

    [Fact]
    public async Task A_participant_sees_their_own_cohorts_and_certificates()
    {
        var s = await SummaryAsync("participant@example.org");
        (s.GetProperty("activeMous").GetInt32(), s.GetProperty("overdueActions").GetInt32(), s.GetProperty("traineesRegistered").GetInt32(),
            s.GetProperty("traineesCompleted").GetInt32(), s.GetProperty("certificatesIssued").GetInt32()).ShouldBe((0, 0, 2, 2, 2));
        s.GetProperty("byPartner").GetArrayLength().ShouldBe(0);
        s.GetProperty("communitiesByCategory").GetProperty("A").GetInt32().ShouldBe(0);

        var client = await world.App.SignedInClientAsync("participant@example.org");
        var home = await client.GetDocumentAsync("/");
        Figure(home, "traineesRegistered").ShouldBe(2);
        Figure(home, "certificatesIssued").ShouldBe(2);
        home.QuerySelectorAll("[data-testid=my-cohorts] tbody tr").Length.ShouldBe(2);
        home.QuerySelector("[data-testid=my-cohorts]")!.TextContent.ShouldContain("รุ่นที่ 1 ขอนแก่น");
        home.QuerySelectorAll("[data-testid=my-certificates] li").Length.ShouldBe(2);
        home.QuerySelector("[data-figure=activeMous]").ShouldBeNull();
        (await client.GetAsync("/Reports/List?kind=Overdue")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_dashboard_figures_match_the_API_and_each_links_to_a_list_of_that_many()
    {
        var s = await SummaryAsync("staff@example.org");
        var client = await world.App.SignedInClientAsync("staff@example.org");
        var home = await client.GetDocumentAsync("/");
        home.QuerySelector("#year option[selected]")!.TextContent.ShouldBe((ReportWorld.Year + 543).ToString(CultureInfo.InvariantCulture), "Buddhist era in Thai");
        home.QuerySelector("[data-figure=traineesRegistered]")!.TextContent.ShouldContain("ผู้ลงทะเบียนอบรม ปี " + (ReportWorld.Year + 543));
        home.QuerySelectorAll("canvas[data-report-chart]").Length.ShouldBe(3);

        foreach (var figure in new[] { "activeMous", "overdueActions", "dueThisMonth", "cohortsRunning", "traineesRegistered", "traineesCompleted", "certificatesIssued" })
        {
            var value = Figure(home, figure);
            value.ShouldBe(s.GetProperty(figure).GetInt32(), figure);
            var href = home.QuerySelector($"[data-figure={figure}]")!.GetAttribute("href")!;
            (await ListCountAsync(client, href)).ShouldBe(value, $"{figure} → {href}");
        }
        var communities = s.GetProperty("communitiesByCategory");
        Figure(home, "communities").ShouldBe(6);
        (await ListCountAsync(client, home.QuerySelector("[data-figure=communities]")!.GetAttribute("href")!)).ShouldBe(6);
        foreach (var g in new[] { "A", "B", "C", "D" })
        {
            var cell = home.QuerySelector($"[data-testid=community-table] [data-total={g}] a")!;
            int.Parse(cell.TextContent, CultureInfo.InvariantCulture).ShouldBe(communities.GetProperty(g).GetInt32());
            (await ListCountAsync(client, cell.GetAttribute("href")!)).ShouldBe(communities.GetProperty(g).GetInt32(), g);
        }

        // The per-partner and per-course links lead to lists of as many rows as the cell says.
        foreach (var link in home.QuerySelectorAll("[data-testid=partner-table] td a, [data-testid=course-table] td a, [data-testid=community-table] td a").OfType<IHtmlAnchorElement>())
        {
            if (!int.TryParse(link.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n)) continue;
            (await ListCountAsync(client, link.GetAttribute("href")!)).ShouldBe(n, link.GetAttribute("href"));
        }
        var rowA = home.QuerySelector($"[data-testid=partner-table] tr[data-partner='{world.PartnerA}'] [data-col=overdue]")!;
        rowA.TextContent.Trim().ShouldBe("2");
    }

    internal static int Figure(IHtmlDocument doc, string name) =>
        int.Parse(doc.QuerySelector($"[data-figure={name}] [data-value]")!.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    internal static int ListTotal(IHtmlDocument doc) =>
        int.Parse(doc.QuerySelector("[data-testid=list-total]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    /// <summary>The number of rows the list at <paramref name="href"/> says it holds (the report list, MOUs, cohorts or communities).</summary>
    internal static async Task<int> ListCountAsync(HttpClient client, string href)
    {
        var doc = await client.GetDocumentAsync(href.Replace("&amp;", "&", StringComparison.Ordinal));
        if (doc.QuerySelector("[data-testid=list-total]") is not null) return ListTotal(doc);
        // Other features' lists write their total as "{n} …" under the table.
        var text = doc.QuerySelectorAll("span.pp-muted.small, p.pp-muted.small").Select(e => e.TextContent).FirstOrDefault(t => LeadingNumber().IsMatch(t))
            ?? throw new InvalidOperationException("No total on " + href);
        return int.Parse(LeadingNumber().Match(text).Value.Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\s*[\d,]+")]
    private static partial Regex LeadingNumber();
}
