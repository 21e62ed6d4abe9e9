namespace PartnerPrograms.Browser.Tests;

/// <summary>The dashboards and the programme report in a real browser (demo data): the Chart.js charts are drawn.</summary>
public class ReportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Counts the painted (non-transparent) pixels of every chart canvas on the page.
    private const string PaintedPixels = """
        () => Array.from(document.querySelectorAll('canvas[data-report-chart]')).map(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n; })
        """;

    [Theory]
    [InlineData("staff@demo.local", "/", "dashboard-staff", 3)]
    [InlineData("partner.gsb@demo.local", "/", "dashboard-partner", 1)]
    [InlineData("staff@demo.local", "/Reports/Programme?year=all", "report-programme-page", 2)]
    public async Task Charts_are_drawn(string email, string url, string screenshot, int minCharts)
    {
        var page = await fixture.NewPageAsync(1280, 900);
        try
        {
            await fixture.SignInAsync(page, email);
            await page.GotoAsync(url);
            await page.Locator("canvas[data-drawn=true]").First.WaitForAsync(new() { Timeout = 10_000 });
            var painted = await page.EvaluateAsync<int[]>(PaintedPixels);
            painted.Length.ShouldBeGreaterThanOrEqualTo(minCharts);
            foreach (var n in painted) n.ShouldBeGreaterThan(500, "each chart has bars, axes and labels drawn");
            await BrowserFixture.ScreenshotAsync(page, screenshot);
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-" + screenshot);
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }
}
