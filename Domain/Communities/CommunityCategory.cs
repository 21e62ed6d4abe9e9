namespace PartnerPrograms.Domain.Communities;

/// <summary>The Community Development Department's four groups of tourism communities, and "not yet classified".</summary>
public enum CommunityCategory { Unclassified, A, B, C, D }
