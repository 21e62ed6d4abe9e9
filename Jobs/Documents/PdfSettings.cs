namespace PartnerPrograms.Jobs.Documents;

/// <summary>Section "Pdf": Chromium pages per pool and how long one print may take, waiting for a page included.</summary>
public sealed class PdfSettings
{
    /// <summary>Pages for web requests (agreements, reports, sign-in sheets, a re-issued certificate).</summary>
    public int RequestPages { get; set; } = 2;

    /// <summary>Pages for background jobs (certificate batches).</summary>
    public int JobPages { get; set; } = 2;

    /// <summary>A web request's print: past this it is abandoned (its page closed) and the user is asked to try again.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>One print of a job (50 certificates at a time).</summary>
    public double JobTimeoutSeconds { get; set; } = 120;
}
