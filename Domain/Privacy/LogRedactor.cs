using System.Text.RegularExpressions;

namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Masks personal data in text bound for logs: anything of 13 digits (ASCII or Thai, with or without dashes or
/// spaces; a national ID or a mistyped one) becomes 1-1037-xxxxx-xx-6, and e-mail addresses keep their first
/// character and domain (s***@example.org), enough to follow a delivery problem.
/// </summary>
public static partial class LogRedactor
{
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = ThirteenDigits().Replace(text, m => NationalId.Normalize(m.Value) is { } d ? NationalId.Mask(d) : m.Value);
        return Email().Replace(result, m => m.Groups["first"].Value + "***@" + m.Groups["domain"].Value);
    }

    [GeneratedRegex(@"(?<!\d)\d[\d\- ]{11,16}\d(?!\d)")]
    private static partial Regex ThirteenDigits();

    [GeneratedRegex(@"(?<![\w.%+-])(?<first>[\w%+-])[\w.%+-]*@(?<domain>[\w-]+(\.[\w-]+)+)")]
    private static partial Regex Email();
}
