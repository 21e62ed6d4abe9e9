namespace PartnerPrograms.Jobs.Documents;

public static class ThaiNumbers
{
    /// <summary>Arabic digits as Thai digits (๑๒๓), as official documents write them.</summary>
    public static string Digits(string s) => string.Create(s.Length, s, (span, src) =>
    {
        for (var i = 0; i < src.Length; i++) span[i] = src[i] is >= '0' and <= '9' ? (char)('๐' + (src[i] - '0')) : src[i];
    });

    public static readonly string[] Ordinals = ["หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ"];
    public static string PartyName(int index) =>
        "ฝ่ายที่" + (index < Ordinals.Length
            ? Ordinals[index]
            : Digits((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
