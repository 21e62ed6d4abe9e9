using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A certificate's PDF and the verification address its QR code (and its e-mail) holds.</summary>
public sealed class CertificatePdfs(CertificatePrinter printer, IOptions<PortalOptions> options)
{
    public string VerifyUrl(string code) =>
        options.Value.Url("/verify/" + code.Replace("-", "", StringComparison.Ordinal));

    public Task<IReadOnlyList<byte[]>> PrintAsync(IEnumerable<Certificate> certificates, PortalSettings settings,
        PdfPool pool, CancellationToken ct = default) =>
        printer.PrintAsync(certificates.Select(c => Model(c, settings)).ToList(), pool, ct);

    private CertificateModel Model(Certificate c, PortalSettings settings) => new(
        settings.FoundationNameTh, settings.FoundationNameEn, settings.LogoDataUrl, c.HolderName, c.HolderNameEn,
        c.CourseTitle, c.CourseTitleEn, c.CohortName, c.StartDate, c.EndDate, c.Hours, c.IssuedOn, c.Signatories,
        c.Code, VerifyUrl(c.Code));
}
