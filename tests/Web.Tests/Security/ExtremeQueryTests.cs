using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Out-of-range query strings: every list page and list API (GET, no id in its address), as every role that reaches
/// it, with each of its query parameters set to extreme values (year 0 and 99999, page −1 and 2147483647, page size
/// 100000, words, Thai digits …). No answer may be a 5xx, and an API error must be problem+json. The parameters are
/// read from the pages' and handlers' own bindings, so a new list or parameter is covered without editing this test.
/// </summary>
public class ExtremeQueryTests(SecurityWorld world) : IClassFixture<SecurityWorld>
{
    private static readonly string[] Values =
        ["0", "-1", "99999", "2147483647", "-2147483648", "9223372036854775807", "100000", "abc", "๒๕๖๗", "1e9", ""];

    /// <summary>Filters some endpoints read from Request.Query by hand (ReportsFeature.ParseFilter), not by binding.</summary>
    private static readonly Dictionary<string, string[]> ReadByHand = new()
    {
        ["/Reports/List"] = ["year", "courseId", "partnerId"],
        ["/Reports/Programme"] = ["year", "courseId", "partnerId"],
        ["GET /api/v1/reports/programme.xlsx"] = ["year", "courseId", "partnerId"],
        ["GET /api/v1/reports/programme.csv"] = ["year", "courseId", "partnerId"],
        ["GET /api/v1/reports/programme.pdf"] = ["year"], // each accepted filter prints a PDF: the year is the one that matters
    };

    private static readonly Who[] Roles = [Who.Anonymous, Who.ParticipantA, Who.PartnerA, Who.Staff, Who.Admin];

    private static Grant GroupOf(Who who) => who switch
    {
        Who.Anonymous => Grant.Anonymous,
        Who.ParticipantA => Grant.Participant,
        Who.PartnerA => Grant.Partner,
        Who.Staff => Grant.Staff,
        _ => Grant.Admin,
    };

    private static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(Guid) || t == typeof(DateTime);
    }

    /// <summary>The query names a page binds on GET: [BindProperty(SupportsGet = true)] properties and OnGet* parameters.</summary>
    private static IEnumerable<string> PageQueryNames(Type model) =>
        model.GetProperties()
            .Select(p => (p, a: p.GetCustomAttribute<BindPropertyAttribute>()))
            .Where(x => x.a is { SupportsGet: true } && IsSimple(x.p.PropertyType))
            .Select(x => x.a!.Name ?? x.p.Name)
            .Concat(model.GetMethods().Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal))
                .SelectMany(m => m.GetParameters()).Where(p => IsSimple(p.ParameterType)).Select(p => p.Name!));

    /// <summary>The query names an endpoint's handler binds: simple parameters that are not route values.</summary>
    private static IEnumerable<string> EndpointQueryNames(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler
            ? handler.GetParameters().Where(p => IsSimple(p.ParameterType) && endpoint.RoutePattern.GetParameter(p.Name!) is null).Select(p => p.Name!)
            : [];

    private static string With(string sample, string name, string value)
    {
        var (path, query) = sample.Split('?', 2) is [var p, var q] ? (p, q) : (sample, "");
        var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(kv => !kv.Split('=')[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Append(name + "=" + Uri.EscapeDataString(value));
        return path + "?" + string.Join('&', parts);
    }

    [Fact]
    public async Task No_list_page_or_list_api_answers_5xx_to_extreme_query_values_for_any_role_that_reaches_it()
    {
        var endpoints = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var found = await AccessMatrixTests.EnumerateAsync(world.App.Services);
        var problems = new List<string>();
        var requests = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in AccessMatrixTests.Rules)
        {
            var f = found.SingleOrDefault(x => x.Key == rule.Key);
            if (f is null || rule.Key.Contains('{', StringComparison.Ordinal) || rule.Key.Contains("handler=", StringComparison.Ordinal)) continue;
            if (!f.IsPage && !rule.Key.StartsWith("GET ", StringComparison.Ordinal)) continue;
            var sample = rule.Sample(world);
            if (sample.Contains("id=", StringComparison.OrdinalIgnoreCase)) continue; // a record's page, not a list
            var query = f.IsPage
                ? f.PageModel is null ? [] : PageQueryNames(f.PageModel)
                : endpoints.Where(e => $"GET /{e.RoutePattern.RawText!.TrimStart('/')}" == rule.Key).SelectMany(EndpointQueryNames);
            var parameters = query.Concat(ReadByHand.GetValueOrDefault(rule.Key, [])).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var who in Roles.Where(w => (rule.Served & GroupOf(w)) != 0))
            {
                var client = f.IsPage ? await world.BrowserAsync(who) : await world.ApiAsync(who);
                foreach (var name in parameters)
                {
                    names.Add(name);
                    foreach (var value in Values)
                    {
                        var url = With(sample, name, value);
                        using var response = await client.GetAsync(url);
                        requests++;
                        var status = (int)response.StatusCode;
                        if (status >= 500) problems.Add($"GET {url} as {who}: {status}");
                        else if (!f.IsPage && status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            problems.Add($"GET {url} as {who}: {status} without a problem body");
                    }
                }
            }
        }
        foreach (var name in new[] { "year", "p", "page", "pageSize" }) names.ShouldContain(name, "the lists' own parameters were found");
        requests.ShouldBeGreaterThan(500);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("99999")]
    [InlineData("2400")]
    public async Task An_impossible_year_on_the_MOU_list_is_said_in_Thai_and_the_api_answers_400(string year)
    {
        var staff = await world.BrowserAsync(Who.Staff);
        var page = await staff.GetAsync("/Mous?year=" + year);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = PageDriver.Parse(await page.Content.ReadAsStringAsync());
        var error = doc.QuerySelector("[data-testid=year-error]");
        error.ShouldNotBeNull("the page says why the year was not used");
        error.TextContent.ShouldContain("กรุณาระบุปีระหว่าง พ.ศ. 2533 ถึง 2743");
        doc.QuerySelector("[data-testid=mou-table]")!.TextContent.ShouldContain(world.A.MouTitle, customMessage: "the list still shows, unfiltered");

        var api = await (await world.ApiAsync(Who.Staff)).GetAsync("/api/v1/mous?year=" + year);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("year", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Page_numbers_and_sizes_are_capped_rather_than_overflowing_the_offset()
    {
        var api = await world.ApiAsync(Who.Staff);
        var farResponse = await api.GetAsync("/api/v1/mous?page=2147483647&pageSize=100000");
        farResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var far = await farResponse.Content.ReadFromJsonAsync<JsonElement>();
        far.GetProperty("page").GetInt32().ShouldBe(100_000);
        far.GetProperty("pageSize").GetInt32().ShouldBe(200);
        far.GetProperty("items").GetArrayLength().ShouldBe(0);
        var first = await (await api.GetAsync("/api/v1/cohorts?page=-1&pageSize=-5")).Content.ReadFromJsonAsync<JsonElement>();
        first.GetProperty("page").GetInt32().ShouldBe(1);
        first.GetProperty("pageSize").GetInt32().ShouldBe(1);
        (await (await world.BrowserAsync(Who.Staff)).GetAsync("/Trainees?p=2147483647")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_organisation_on_the_admin_user_form_is_a_Thai_message_not_a_500()
    {
        var admin = await world.BrowserAsync(Who.Admin);
        var url = $"/Admin/Users/Edit?id={world.StaffUserId}";
        var form = await admin.GetDocumentAsync(url);
        var post = (AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("main form")!;
        var response = await admin.PostFormAsync(post, url, new Dictionary<string, string> { ["Input.Role"] = "Partner", ["Input.OrganizationId"] = "987654321" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ไม่พบหน่วยงานนี้");
        (await world.App.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Id == world.StaffUserId)))
            .Role.ShouldBe("Staff", "nothing was saved");
    }
}
