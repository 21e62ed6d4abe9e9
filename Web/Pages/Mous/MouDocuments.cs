using System.Globalization;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>The agreement and the progress report as PDFs, always in Thai with Buddhist-era dates.</summary>
public sealed class MouDocuments(DocumentRenderer renderer)
{
    private static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", Thai);

    public static readonly IReadOnlyDictionary<ActionStatus, string> StatusTh = new Dictionary<ActionStatus, string>
    {
        [ActionStatus.NotStarted] = "ยังไม่เริ่ม",
        [ActionStatus.InProgress] = "กำลังดำเนินการ",
        [ActionStatus.Done] = "เสร็จแล้ว",
        [ActionStatus.Blocked] = "ติดขัด",
        [ActionStatus.Cancelled] = "ยกเลิก",
    };

    public static AgreementData ToAgreement(MouDetail m) => new(m.Code, m.Title, m.Purpose,
        m.SigningDate is { } s ? Long(s) : null, Long(m.StartDate), Long(m.EndDate),
        m.Parties
            .Select(p => new AgreementParty(
                p.OrganizationName, p.ShortName, p.Role == PartyRole.Witness, p.SignatoryName, p.SignatoryPosition, p.Duties))
            .ToList(),
        m.Items.Select(i => new AgreementItem(i.Number, i.Title, i.Description, i.Actions.Select(a => new AgreementAction(a.Title, a.ResponsibleName,
            a.DueDate is { } d ? Long(d) : null, StatusTh[a.Status], a.Percent, a.Updates.FirstOrDefault()?.Text)).ToList())).ToList());

    public Task<byte[]> AgreementPdfAsync(MouDetail m, CancellationToken ct = default) =>
        renderer.RenderPdfAsync<AgreementDocument>(new Dictionary<string, object?> { ["Data"] = ToAgreement(m) },
            new PdfPageOptions(FooterTemplate: AgreementDocument.Footer), ct);

    public Task<byte[]> ProgressPdfAsync(MouDetail m, DateOnly today, CancellationToken ct = default) =>
        renderer.RenderPdfAsync<ProgressReportDocument>(new Dictionary<string, object?> { ["Data"] = ToAgreement(m), ["AsOf"] = Long(today) },
            new PdfPageOptions(Landscape: true, FooterTemplate: AgreementDocument.Footer), ct);
}
