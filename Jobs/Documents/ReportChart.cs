namespace PartnerPrograms.Jobs.Documents;

public sealed record ReportChart(string Caption, List<ReportBar> Bars);
