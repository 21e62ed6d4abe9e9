namespace PartnerPrograms.Jobs.Documents;

/// <summary>A table (the first <paramref name="TextColumns"/> columns text, the rest right-aligned figures) and an optional chart.</summary>
public sealed record ReportSection(
    string Title,
    List<string> Header,
    List<List<string>> Rows,
    ReportChart? Chart = null,
    string? Note = null,
    int TextColumns = 1);
