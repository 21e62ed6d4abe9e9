namespace PartnerPrograms.Domain.Geography;

/// <summary>The six-region grouping of the official lists (geographies.csv ids 1–6).</summary>
public enum Region { North = 1, Central = 2, NorthEast = 3, West = 4, East = 5, South = 6 }
