namespace PartnerPrograms.Jobs.Documents;

public static class DocumentsSetup
{
    /// <summary>PDFs: Razor components rendered to HTML, printed by one shared headless Chromium.</summary>
    public static IServiceCollection AddPortalDocuments(this IServiceCollection services) => services
        .AddSingleton<PdfRenderer>()
        .AddSingleton<DocumentRenderer>()
        .AddSingleton<CertificatePrinter>();
}
