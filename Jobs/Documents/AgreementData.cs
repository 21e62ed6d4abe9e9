namespace PartnerPrograms.Jobs.Documents;

/// <summary>Everything the printed agreement shows, already formatted for Thai (Buddhist-era dates).</summary>
public sealed record AgreementData(string Code, string Title, string? Purpose, string? SigningDateText, string StartDateText,
    string EndDateText, IReadOnlyList<AgreementParty> Parties, IReadOnlyList<AgreementItem> Items);

public sealed record AgreementParty(string OrganizationName, string? ShortName, bool IsWitness, string SignatoryName, string? SignatoryPosition, string? Duties);

public sealed record AgreementItem(int Number, string Title, string? Description, IReadOnlyList<AgreementAction> Actions);

public sealed record AgreementAction(string Title, string Responsible, string? DueDateText, string? StatusText = null, int Percent = 0, string? LastUpdate = null);

public static class ThaiNumbers
{
    /// <summary>Arabic digits as Thai digits (๑๒๓), as official documents write them.</summary>
    public static string Digits(string s) => string.Create(s.Length, s, (span, src) =>
    {
        for (var i = 0; i < src.Length; i++) span[i] = src[i] is >= '0' and <= '9' ? (char)('๐' + (src[i] - '0')) : src[i];
    });

    public static readonly string[] Ordinals = ["หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ"];
    public static string PartyName(int index) => "ฝ่ายที่" + (index < Ordinals.Length ? Ordinals[index] : Digits((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
