namespace PartnerPrograms.Domain.Certificates;

/// <summary>A signatory printed on a certificate.</summary>
public sealed record Signatory(string Name, string Position);
