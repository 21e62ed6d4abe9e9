namespace PartnerPrograms.Domain.Training;

public static class ThaiDigits
{
    public static string ToAscii(string s)
    {
        if (!s.Any(c => c is >= '๐' and <= '๙')) return s;
        return string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
                span[i] = src[i] is >= '๐' and <= '๙' ? (char)('0' + (src[i] - '๐')) : src[i];
        });
    }
}
