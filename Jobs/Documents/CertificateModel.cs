using System.Globalization;
using PartnerPrograms.Domain.Certificates;
using QRCoder;

namespace PartnerPrograms.Jobs.Documents;

/// <summary>What a certificate page shows; built from the frozen certificate record only.</summary>
public sealed record CertificateModel(
    string FoundationNameTh, string FoundationNameEn, string? LogoDataUrl,
    string HolderName, string? HolderNameEn, string CourseTitle, string? CourseTitleEn, string CohortName,
    DateOnly StartDate, DateOnly EndDate, decimal Hours, DateOnly IssuedOn,
    IReadOnlyList<Signatory> Signatories, string Code, string VerifyUrl)
{
    private static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string ThaiDate(DateOnly d) => d.ToString("d MMMM yyyy", Thai);
    public static string EnglishDate(DateOnly d) => d.ToString("d MMMM yyyy", English);

    public string ThaiPeriod => StartDate == EndDate ? ThaiDate(StartDate) : $"{ThaiDate(StartDate)} ถึง {ThaiDate(EndDate)}";
    public string EnglishPeriod => StartDate == EndDate ? EnglishDate(StartDate) : $"{EnglishDate(StartDate)} – {EnglishDate(EndDate)}";
    public string HoursText => Hours.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The QR code to the verification page as a PNG data URL (quartile error correction: survives a fold or a stain).</summary>
    public string QrDataUrl
    {
        get
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(VerifyUrl, QRCodeGenerator.ECCLevel.Q);
            var png = new PngByteQRCode(data).GetGraphic(8);
            return "data:image/png;base64," + Convert.ToBase64String(png);
        }
    }
}
