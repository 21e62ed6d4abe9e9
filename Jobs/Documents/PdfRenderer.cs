using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace PartnerPrograms.Jobs.Documents;

/// <summary>
/// Prints HTML to PDF with one long-lived headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).
/// Chromium shapes Thai and breaks lines between Thai words with its dictionary, which is why it stands in for
/// QuestPDF here. Pages are reused (starting a browser costs far more than printing a page) from two pools
/// (<see cref="PdfPool"/>): web requests never queue behind a certificate batch. A print stops when its caller gives up
/// (the request's cancellation) or after its pool's timeout, waiting for a page included; the page it was using is then
/// closed rather than returned, and its place in the pool freed at once.
/// </summary>
public sealed class PdfRenderer : IAsyncDisposable
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private sealed class Pool(int size, TimeSpan timeout)
    {
        public SemaphoreSlim Slots { get; } = new(size, size);
        public ConcurrentBag<IPage> Idle { get; } = [];
        public TimeSpan Timeout { get; } = timeout;
    }

    private readonly ILogger<PdfRenderer> _logger;
    private readonly Dictionary<PdfPool, Pool> _pools;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    public PdfRenderer(ILogger<PdfRenderer> logger, IOptions<PdfSettings>? settings = null)
    {
        _logger = logger;
        var s = settings?.Value ?? new PdfSettings();
        _pools = new()
        {
            [PdfPool.Requests] = new Pool(Math.Max(1, s.RequestPages), TimeSpan.FromSeconds(s.TimeoutSeconds > 0 ? s.TimeoutSeconds : 30)),
            [PdfPool.Jobs] = new Pool(Math.Max(1, s.JobPages), TimeSpan.FromSeconds(s.JobTimeoutSeconds > 0 ? s.JobTimeoutSeconds : 120)),
        };
    }

    /// <summary>Pages of a pool not in use right now (for tests and diagnostics).</summary>
    public int FreePages(PdfPool pool) => _pools[pool].Slots.CurrentCount;

    private async Task<IBrowserContext> ContextAsync(CancellationToken ct)
    {
        if (_context is not null && _browser is { IsConnected: true }) return _context;
        await _startLock.WaitAsync(ct);
        try
        {
            if (_context is not null && _browser is { IsConnected: true }) return _context;
            if (!File.Exists(ChromiumPath))
                throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}: install Debian's 'chromium' " +
                                                    "package (make install-prereqs) or set CHROMIUM_PATH.");
            foreach (var pool in _pools.Values) pool.Idle.Clear();
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
            _logger.LogInformation("Started headless Chromium {Version} for PDF printing", _browser.Version);
            return _context;
        }
        finally { _startLock.Release(); }
    }

    /// <summary>Prints on the pages for web requests.</summary>
    public Task<byte[]> RenderAsync(string html, PdfPageOptions? options = null, CancellationToken ct = default) =>
        RenderAsync(html, options, PdfPool.Requests, ct);

    public async Task<byte[]> RenderAsync(string html, PdfPageOptions? options, PdfPool pool, CancellationToken ct = default)
    {
        options ??= new PdfPageOptions();
        var p = _pools[pool];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(p.Timeout);
        try
        {
            await p.Slots.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new PdfTimeoutException(pool, p.Timeout); }
        IPage? page = null;
        Task? pending = null;
        try
        {
            var context = await ContextAsync(limit.Token);
            if (!p.Idle.TryTake(out page) || page.IsClosed)
            {
                page = null;
                var opening = context.NewPageAsync();
                pending = opening;
                page = await opening.WaitAsync(limit.Token);
            }
            var printing = PrintAsync(page, html, options);
            pending = printing;
            var pdf = await printing.WaitAsync(limit.Token);
            pending = null;
            p.Idle.Add(page);
            page = null;
            return pdf;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && limit.IsCancellationRequested)
        {
            throw new PdfTimeoutException(pool, p.Timeout);
        }
        finally
        {
            // Given up on (or failed) mid-way: the page goes, so the next print starts clean; closing it also ends a
            // print still running in Chromium. Whatever it was doing is observed, not left to fault unseen.
            if (pending is { IsCompleted: false }) ObserveAndClose(pending);
            if (page is not null) await CloseQuietlyAsync(page);
            p.Slots.Release();
        }
    }

    private static async Task<byte[]> PrintAsync(IPage page, string html, PdfPageOptions options)
    {
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 0 });
        await page.EvaluateAsync("document.fonts.ready").ConfigureAwait(false);
        return await page.PdfAsync(new PagePdfOptions
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
    }

    /// <summary>A page opened after its print was given up is closed as soon as it exists; a print's late failure is observed.</summary>
    private static void ObserveAndClose(Task pending) => _ = pending.ContinueWith(static async t =>
    {
        if (t is Task<IPage> { IsCompletedSuccessfully: true } opened) await CloseQuietlyAsync(opened.Result);
        _ = t.Exception;
    }, TaskScheduler.Default).Unwrap();

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try { await page.CloseAsync(); }
        catch (PlaywrightException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _startLock.Dispose();
        foreach (var pool in _pools.Values) pool.Slots.Dispose();
    }
}
