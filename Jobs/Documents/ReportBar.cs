namespace PartnerPrograms.Jobs.Documents;

/// <summary>One bar: its label, its value and an optional second value drawn inside it (e.g. completed within registered).</summary>
public sealed record ReportBar(string Label, decimal Value, decimal? Inner = null);
