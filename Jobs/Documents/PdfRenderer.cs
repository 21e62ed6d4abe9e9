using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace PartnerPrograms.Jobs.Documents;

public sealed record PdfPageOptions(bool Landscape = false, string Format = "A4", string Margin = "0",
    string? FooterTemplate = null);

/// <summary>
/// Prints HTML to PDF with one long-lived headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).
/// Chromium shapes Thai and breaks lines between Thai words with its dictionary, which is why it stands in for
/// QuestPDF here. A small pool of pages is reused: starting a browser costs far more than printing a page.
/// </summary>
public sealed class PdfRenderer(ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";
    private const int PoolSize = 2;

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly SemaphoreSlim _slots = new(PoolSize, PoolSize);
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    private async Task<IBrowserContext> ContextAsync()
    {
        if (_context is not null && _browser is { IsConnected: true }) return _context;
        await _startLock.WaitAsync();
        try
        {
            if (_context is not null && _browser is { IsConnected: true }) return _context;
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}: install Debian's 'chromium' package (make install-prereqs) or set CHROMIUM_PATH.");
            _idle.Clear();
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"],
            });
            // Documents carry everything inline (fonts, images as data: URLs); nothing is fetched from anywhere.
            _context = await _browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true });
            logger.LogInformation("Started headless Chromium {Version} for PDF printing", _browser.Version);
            return _context;
        }
        finally { _startLock.Release(); }
    }

    public async Task<byte[]> RenderAsync(string html, PdfPageOptions? options = null, CancellationToken ct = default)
    {
        options ??= new PdfPageOptions();
        await _slots.WaitAsync(ct);
        IPage? page = null;
        try
        {
            var context = await ContextAsync();
            if (!_idle.TryTake(out page) || page.IsClosed) page = await context.NewPageAsync();
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            await page.EvaluateAsync("document.fonts.ready").ConfigureAwait(false);
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = options.Format,
                Landscape = options.Landscape,
                PrintBackground = true,
                PreferCSSPageSize = true,
                DisplayHeaderFooter = options.FooterTemplate is not null,
                HeaderTemplate = options.FooterTemplate is null ? null : "<span></span>",
                FooterTemplate = options.FooterTemplate,
                Margin = new Margin { Top = options.Margin, Bottom = options.Margin, Left = options.Margin, Right = options.Margin },
            });
            _idle.Add(page);
            page = null;
            return pdf;
        }
        finally
        {
            if (page is not null) await page.CloseAsync();
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _startLock.Dispose();
        _slots.Dispose();
    }
}
