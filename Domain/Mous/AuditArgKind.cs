namespace PartnerPrograms.Domain.Mous;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AuditArgKind>))]
public enum AuditArgKind { Text, Date, Number, Key }
