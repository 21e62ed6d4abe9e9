namespace PartnerPrograms.Jobs.Documents;

/// <summary>Prints certificates in batches (one Chromium print per batch), then splits them into one PDF each.</summary>
public sealed class CertificatePrinter(DocumentRenderer renderer)
{
    public const int BatchSize = 50;

    /// <summary>One PDF per model, in the same order, on the pages of <paramref name="pool"/>: a batch job's or a web request's.</summary>
    public async Task<IReadOnlyList<byte[]>> PrintAsync(IReadOnlyList<CertificateModel> models, PdfPool pool, CancellationToken ct = default)
    {
        var result = new List<byte[]>(models.Count);
        foreach (var batch in models.Chunk(BatchSize))
        {
            var pdf = await renderer.RenderPdfAsync<CertificateDocument>(
                new Dictionary<string, object?> { ["Items"] = batch.ToList() }, new PdfPageOptions(Landscape: true), pool, ct);
            var pages = batch.Length == 1 ? [pdf] : await PdfSplitter.SplitPagesAsync(pdf, ct);
            if (pages.Count != batch.Length)
                throw new InvalidOperationException($"Printed {pages.Count} pages for {batch.Length} certificates: a certificate overflowed its page.");
            result.AddRange(pages);
        }
        return result;
    }
}
