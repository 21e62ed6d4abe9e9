namespace PartnerPrograms.Jobs.Documents;

public sealed record ReportFigure(string Label, string Value);
