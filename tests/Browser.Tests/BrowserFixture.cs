using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Demo;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a real port, as a browser needs) with the demo data, and Debian's Chromium driven by
/// Playwright. One per test class; screenshots go to artifacts/tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Browser-2563";
    public PortalFactory App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Demo:Password"] = DemoPassword });
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await App.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PartnerPrograms.Jobs.Documents.PdfRenderer.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/");
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Tools.ArtifactsDirectory(), name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
