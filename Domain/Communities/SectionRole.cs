using System.Text.Json.Serialization;

namespace PartnerPrograms.Domain.Communities;

/// <summary>Which part of the classification a section feeds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SectionRole>))]
public enum SectionRole { Attraction, Readiness, Products, Learning }
