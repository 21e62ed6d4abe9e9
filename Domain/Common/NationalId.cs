using System.Text.RegularExpressions;

namespace PartnerPrograms.Domain.Common;

/// <summary>
/// Thai 13-digit national ID: d13 = (11 − (13·d1 + 12·d2 + … + 2·d12) mod 11) mod 10. Input may carry dashes, spaces
/// and Thai digits; it is stored as 13 ASCII digits and shown masked (1-1037-xxxxx-xx-6).
/// </summary>
public static partial class NationalId
{
    /// <summary>Digits only (Thai digits ๐–๙ become 0–9), or null when the input is not 13 digits once dashes and spaces go.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        Span<char> digits = stackalloc char[13];
        var n = 0;
        foreach (var c in input)
        {
            if (c is '-' or ' ' or '\u00a0' or '\u200b' or '\t') continue;
            var d = c is >= '0' and <= '9' ? c : c is >= '๐' and <= '๙' ? (char)('0' + (c - '๐')) : '\0';
            if (d == '\0' || n == 13) return null;
            digits[n++] = d;
        }
        return n == 13 ? new string(digits) : null;
    }

    public static bool HasValidChecksum(string digits)
    {
        if (digits.Length != 13 || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (digits[i] - '0') * (13 - i);
        return (11 - sum % 11) % 10 == digits[12] - '0';
    }

    /// <summary>Why an input is not a valid ID (an English key for the localizer), or null when it is.</summary>
    public static string? Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "The national ID is required.";
        var digits = Normalize(input);
        if (digits is null) return "The national ID must have 13 digits.";
        if (!HasValidChecksum(digits)) return "The national ID's check digit is wrong.";
        return null;
    }

    public static bool TryParse(string? input, out string digits)
    {
        digits = Normalize(input) ?? "";
        return digits.Length == 13 && HasValidChecksum(digits);
    }

    /// <summary>1-1037-xxxxx-xx-6: the first five and the last digit, as Thai forms show a masked ID.</summary>
    public static string Mask(string? digits) =>
        digits is { Length: 13 } d ? $"{d[0]}-{d[1..5]}-xxxxx-xx-{d[12]}" : "–";

    /// <summary>1-1037-01234-56-6: the full ID, grouped, for those who may see it.</summary>
    public static string Format(string? digits) =>
        digits is { Length: 13 } d ? $"{d[0]}-{d[1..5]}-{d[5..10]}-{d[10..12]}-{d[12]}" : "–";

    /// <summary>Completes twelve digits with their check digit (for generated data).</summary>
    public static string WithCheckDigit(string first12)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (first12[i] - '0') * (13 - i);
        return first12 + (char)('0' + (11 - sum % 11) % 10);
    }

    /// <summary>Masks anything that looks like a national ID in free text (log messages, error text).</summary>
    public static string Redact(string text) => IdLike().Replace(text, m =>
        Normalize(m.Value) is { } d && HasValidChecksum(d) ? Mask(d) : m.Value);

    [GeneratedRegex(@"(?<!\d)\d[\d\- ]{11,16}\d(?!\d)")]
    private static partial Regex IdLike();
}
