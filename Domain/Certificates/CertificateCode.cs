using System.Security.Cryptography;

namespace PartnerPrograms.Domain.Certificates;

/// <summary>
/// Certificate codes people can type from paper: 10 characters of Crockford base32 (no I, L, O, U), 50 random bits,
/// shown as K7QF-3M9D-XA. On input case, dashes and spaces do not matter and the look-alikes O→0, I/L→1 are mapped.
/// </summary>
public static class CertificateCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[bytes[i] & 31];
        return Format(new string(chars));
    }

    public static string Format(string normalized) => $"{normalized[..4]}-{normalized[4..8]}-{normalized[8..]}";

    /// <summary>The canonical form (K7QF-3M9D-XA) of what someone typed, or null when it cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in input.Trim())
        {
            if (raw is '-' or ' ' or '\u00a0') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var x => x };
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0 || n == Length) return null;
            chars[n++] = c;
        }
        return n == Length ? Format(new string(chars)) : null;
    }
}
