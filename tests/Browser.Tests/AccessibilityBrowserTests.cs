using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPrograms.Tests.Shared;
using Xunit.Abstractions;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// axe-core (Deque's WCAG checker, npm, in tests/tools) on every page each role can reach: the test follows the links
/// a user of that role is shown, from the home page, one page per route (MOU 12 and MOU 13 are the same page), and
/// fails on any serious or critical WCAG 2.0/2.1 A or AA finding, naming the page, the rule and the elements.
/// </summary>
public partial class AccessibilityBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>
{
    private const int MaxPagesPerRole = 70;

    /// <summary>
    /// Pages that look different with what they show, checked once from each page that links to them: a cohort to
    /// come, running or finished (scores and completion), and so a register for a session to come (only "excused" to
    /// choose, the other buttons disabled, which axe skips) and one for a session held (all four).
    /// </summary>
    private static readonly HashSet<string> Variants = new(StringComparer.Ordinal)
    {
        "/training/cohorts/details", "/training/sessions/attendance",
    };

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(
        Path.Combine(Tools.RepositoryRoot()!, "tests", "tools", "node_modules", "axe-core", "axe.min.js")));

    public static TheoryData<string?> Roles => new()
    {
        { null }, { "admin@demo.local" }, { "staff@demo.local" }, { "partner.gsb@demo.local" }, { "participant@demo.local" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_a_role_can_reach_passes_axe_core_wcag_2_1_AA(string? email)
    {
        var page = await fixture.NewPageAsync();
        var findings = new List<string>();
        var visited = new List<string>();
        try
        {
            if (email is not null) await fixture.SignInAsync(page, email);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Url, string From)>([("/", ""), ("/Account/Login", ""), ("/Certificates/Verify", "")]);
            while (queue.Count > 0 && visited.Count < MaxPagesPerRole)
            {
                var (url, from) = queue.Dequeue();
                var route = RouteOf(url);
                // A page with variants: one of each per page that links to it (the first session of each cohort).
                var key = Variants.Contains(route) ? route + " from " + from : route;
                if (!seen.Add(key)) continue;
                var response = await TryOpenAsync(page, url);
                if (response is null || !response.Ok
                    || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                    continue;
                if (!page.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal)) continue;
                visited.Add(url);
                findings.AddRange((await AxeAsync(page)).Select(f => $"{url}: {f}"));
                foreach (var link in await page.EvalOnSelectorAllAsync<string[]>(
                    "a[href]", "links => links.map(a => a.getAttribute('href'))"))
                    if (Followable(link)) queue.Enqueue((link, url));
            }
            output.WriteLine($"{visited.Count} pages checked as {email ?? "a visitor"}:\n" + string.Join('\n', visited));
            visited.Count.ShouldBeGreaterThan(email is null ? 2 : 5, "the crawl reached too few pages to mean anything");
            findings.ShouldBeEmpty(string.Join('\n', findings));
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-axe-" + (email ?? "visitor").Split('@')[0]);
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    private static async Task<IResponse?> TryOpenAsync(IPage page, string url)
    {
        try { return await page.GotoAsync(url); }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            return null; // a file, not a page
        }
    }

    private static async Task<IEnumerable<string>> AxeAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the portal's CSP (script-src 'self') rightly does not allow a
        // <script> tag to do.
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ` + v.nodes.slice(0, 4)
                  .map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.split('\n').slice(1, 2)
                    .join('').trim() + ']' : '')).join('; ') + (v.nodes.length > 4 ? ` … ${v.nodes.length} in all` : ''));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>
    /// Links a user would follow to another page of the portal: not files (PDF, CSV, Excel, calendars, ZIPs), not the
    /// API, not signing out or switching language (the same pages again), not Hangfire's own dashboard.
    /// </summary>
    private static bool Followable(string? href) =>
        href is not null && href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !NotAPage().IsMatch(href);

    /// <summary>The page a URL shows, whatever its ids and query: /Mous/Details/12?tab=x → /mous/details/#.</summary>
    private static string RouteOf(string url)
    {
        var path = url.Split('?', '#')[0].ToLowerInvariant();
        return Id().Replace(path, "/#");
    }

    [GeneratedRegex(@"^/(api|hangfire|culture|account/logout)|[?&]handler=|\.(pdf|csv|xlsx|zip|ics|png|svg|ico)($|\?)|/(download|file|export)",
        RegexOptions.IgnoreCase)]
    private static partial Regex NotAPage();

    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z0-9]{4,}-[A-Z0-9-]+)(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Id();
}
