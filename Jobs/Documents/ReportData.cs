namespace PartnerPrograms.Jobs.Documents;

/// <summary>A board report as plain text and numbers: headline figures, then sections with a bar chart and/or a table.</summary>
public sealed record ReportData(string Title, string Subtitle, string AsOf, List<ReportFigure> Figures, List<ReportSection> Sections);
