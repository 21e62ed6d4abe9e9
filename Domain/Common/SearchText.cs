using System.Text.RegularExpressions;

namespace PartnerPrograms.Domain.Common;

/// <summary>
/// What people type into a search box, made comparable with what is stored: Thai digits read as Arabic, spaces
/// collapsed; a person's title ("นางสาวสุดารัตน์") dropped, since titles are stored apart from names; a phone typed
/// with dashes, spaces or Thai digits reduced to its digits, as phones are compared (trainees.phone_digits).
/// </summary>
public static partial class SearchText
{
    // Longest first, so นางสาว is not read as นาง + สาว…
    private static readonly string[] Titles =
    [
        "ว่าที่ร้อยตรี", "เด็กหญิง", "เด็กชาย", "นางสาว", "น.ส.", "ด.ญ.", "ด.ช.", "นาง", "นาย", "ดร.",
        "Miss", "Mrs.", "Mrs", "Mr.", "Mr", "Ms.", "Ms", "Dr.",
    ];

    public static string Normalize(string text) => Spaces().Replace(Training.ThaiDigits.ToAscii(text), " ").Trim();

    /// <summary>The text without a leading title; the text itself when nothing would be left.</summary>
    public static string WithoutTitle(string text)
    {
        var t = Normalize(text);
        foreach (var title in Titles)
        {
            if (!t.StartsWith(title, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = t[title.Length..];
            // An English title must end the word ("Mr Somchai", not "Mrinal"); a Thai one is written joined to the name.
            if (char.IsAsciiLetter(title[^1]) && rest.Length > 0 && rest[0] != ' ') continue;
            rest = rest.TrimStart();
            return rest.Length > 0 ? rest : t;
        }
        return t;
    }

    /// <summary>The digits of a phone number as typed ("081-234-5678", "๐๘๑ ๒๓๔ ๕๖๗๘"); null when the text is not one.</summary>
    public static string? PhoneDigits(string text)
    {
        var t = Normalize(text);
        if (!PhoneLike().IsMatch(t)) return null;
        var digits = new string(t.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 3 ? digits : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[+(]?[0-9][0-9 ()\-.]*$")]
    private static partial Regex PhoneLike();
}
