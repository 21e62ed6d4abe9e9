namespace PartnerPrograms.Jobs.Documents;

/// <summary>A board report as plain text and numbers: headline figures, then sections with a bar chart and/or a table.</summary>
public sealed record ReportData(string Title, string Subtitle, string AsOf, List<ReportFigure> Figures, List<ReportSection> Sections);

public sealed record ReportFigure(string Label, string Value);

/// <summary>A table (the first <paramref name="TextColumns"/> columns text, the rest right-aligned figures) and an optional chart.</summary>
public sealed record ReportSection(string Title, List<string> Header, List<List<string>> Rows, ReportChart? Chart = null, string? Note = null, int TextColumns = 1);

public sealed record ReportChart(string Caption, List<ReportBar> Bars);

/// <summary>One bar: its label, its value and an optional second value drawn inside it (e.g. completed within registered).</summary>
public sealed record ReportBar(string Label, decimal Value, decimal? Inner = null);
