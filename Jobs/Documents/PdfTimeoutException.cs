namespace PartnerPrograms.Jobs.Documents;

/// <summary>A print that took longer than its pool's timeout (Pdf:TimeoutSeconds); its page was closed, not reused.</summary>
public sealed class PdfTimeoutException(PdfPool pool, TimeSpan timeout)
    : TimeoutException($"Printing a PDF ({pool}) took longer than {timeout.TotalSeconds:0.#} s; it was stopped.")
{
    public PdfPool Pool { get; } = pool;
}
