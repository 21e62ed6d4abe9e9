using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPrograms.Domain.Mous;

/// <summary>
/// One sentence of an audit entry kept as its English template (a localiser key) and typed arguments, so the trail
/// is shown in the reader's language: statuses by their names, dates in the reader's calendar, organisations by name.
/// </summary>
public sealed record AuditPhrase(
    [property: JsonPropertyName("t")] string Template,
    [property: JsonPropertyName("a")] IReadOnlyList<AuditArg> Args)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static AuditPhrase Of(string template, params AuditArg[] args) => new(template, args);

    /// <summary>The phrase in English, for the stored text (logs, exports, entries read without a localiser).</summary>
    public string English() =>
        string.Format(CultureInfo.InvariantCulture, Template, Args.Select(a => (object)a.English()).ToArray());

    public static string Serialize(IReadOnlyList<AuditPhrase> phrases) => JsonSerializer.Serialize(phrases, Json);

    public static IReadOnlyList<AuditPhrase> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AuditPhrase>>(json, Json) ?? [];
}
