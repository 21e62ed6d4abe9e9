using System.Globalization;
using System.Text.Json.Serialization;

namespace PartnerPrograms.Domain.Mous;

/// <summary>An argument of an <see cref="AuditPhrase"/>: plain text, a date, a number, or a localiser key.</summary>
public sealed record AuditArg(
    [property: JsonPropertyName("k")] AuditArgKind Kind,
    [property: JsonPropertyName("v")] string Value)
{
    public static AuditArg Text(string? value) => new(AuditArgKind.Text, value ?? "");
    public static AuditArg Date(DateOnly? value) =>
        value is { } d ? new(AuditArgKind.Date, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Text("–");
    public static AuditArg Number(long value) => new(AuditArgKind.Number, value.ToString(CultureInfo.InvariantCulture));
    /// <summary>A code the reader sees translated: "MouStatus:Active", "ActionStatus:Done".</summary>
    public static AuditArg Key(string key) => new(AuditArgKind.Key, key);

    /// <summary>English for the stored text: dates ISO, keys by their code ("MouStatus:Active" → Active).</summary>
    public string English() => Kind switch
    {
        AuditArgKind.Key => Value[(Value.IndexOf(':', StringComparison.Ordinal) + 1)..],
        AuditArgKind.Number => long.Parse(Value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture),
        _ => Value,
    };
}
