namespace PartnerPrograms.Jobs.Documents;

public sealed record PdfPageOptions(bool Landscape = false, string Format = "A4", string Margin = "0",
    string? FooterTemplate = null);
