using Microsoft.AspNetCore.Components;

namespace PartnerPrograms.Jobs.Documents;

/// <summary>Renders a document (a Razor component fed by a plain record) to HTML, then to PDF.</summary>
public sealed class DocumentRenderer(IServiceProvider services, ILoggerFactory loggerFactory, PdfRenderer pdf)
{
    public Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent => ComponentHtml.RenderAsync<TComponent>(services, loggerFactory, parameters);

    /// <summary>Prints on the pages for web requests.</summary>
    public Task<byte[]> RenderPdfAsync<TComponent>(IDictionary<string, object?> parameters, PdfPageOptions? options = null,
        CancellationToken ct = default) where TComponent : IComponent
        => RenderPdfAsync<TComponent>(parameters, options, PdfPool.Requests, ct);

    public async Task<byte[]> RenderPdfAsync<TComponent>(IDictionary<string, object?> parameters, PdfPageOptions? options, PdfPool pool,
        CancellationToken ct = default) where TComponent : IComponent
        => await pdf.RenderAsync(await RenderHtmlAsync<TComponent>(parameters), options, pool, ct);
}
