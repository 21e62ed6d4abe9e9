namespace PartnerPrograms.Domain.Geography;

/// <summary>One of the 77 provinces: the DOPA code (10 = Bangkok), Thai and English names.</summary>
public sealed record ThaiProvince(int Code, string NameTh, string NameEn);
