using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Skeleton;

/// <summary>The certificate document itself: printed in a batch, split one per certificate, read back.</summary>
public class CertificateDocumentTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static CertificateModel Model(string holder, string code) => new(
        "มูลนิธิสัมมาชีพ", "Sammachiv Foundation", null, holder, null,
        "ไลฟ์สดเพื่อการขายและรีวิวสินค้า", "Live selling and product reviews", "รุ่นที่ 1/2563",
        new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 6), 30, new DateOnly(2020, 3, 6),
        [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ"), new Signatory("นางสาวกานดา มีสุข", "ผู้อำนวยการสำนักงาน"), new Signatory("นายวิทยา ศรีสว่าง", "ผู้แทนมหาวิทยาลัยมหาสารคาม")],
        code, "http://portal.test/verify/" + code.Replace("-", "", StringComparison.Ordinal));

    [Fact]
    public async Task A_batch_prints_one_single_page_PDF_per_certificate_with_exact_Thai_text_and_a_QR_to_the_verify_page()
    {
        var printer = _app.Services.GetRequiredService<CertificatePrinter>();
        var models = new[] { Model("นางสาวญาณี ปิ่นแก้วฟ้า", "K7QF-3M9D-XA"), Model("นายปั้น ผู้ใหญ่ฟ้าลั่น", "Q2W4-E6R8-T9"), Model("นางบุญเรือน ศักดิ์ศรีเจริญ", "ABCD-EFGH-JK") };
        var pdfs = await printer.PrintAsync(models, PdfPool.Jobs);
        pdfs.Count.ShouldBe(3);
        for (var i = 0; i < 3; i++)
        {
            (await Tools.PdfPageCountAsync(pdfs[i])).ShouldBe(1);
            var text = await Tools.PdfTextAsync(pdfs[i]);
            text.ShouldContainText(models[i].HolderName);
            text.ShouldContain(models[i].Code);
            text.ShouldContainText("ไลฟ์สดเพื่อการขายและรีวิวสินค้า");
            text.ShouldContainText("ขอมอบวุฒิบัตรฉบับนี้เพื่อแสดงว่า");
            text.ShouldContain("2 มีนาคม 2563");
            // only its own holder: the split did not mix pages
            foreach (var other in models.Where((_, j) => j != i)) string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ShouldNotContain(string.Concat(other.HolderName.Where(c => !char.IsWhiteSpace(c))));
        }
        var png = (await Tools.PdfToPngAsync(pdfs[1], "certificate-sample", dpi: 110)).Single();
        (await Tools.DecodeQrAsync(png)).ShouldBe(["http://portal.test/verify/Q2W4E6R8T9"]);
    }

    [Fact]
    public async Task Long_names_and_course_titles_still_fit_one_page()
    {
        var printer = _app.Services.GetRequiredService<CertificatePrinter>();
        var model = Model("นางสาวปรียาภรณ์ศรีสุวรรณวงศ์ เกียรติศักดิ์ไพบูลย์ศิริมงคล", "MNPQ-RSTV-WX") with
        {
            CourseTitle = "การพัฒนาผู้ประกอบการชุมชนสู่การค้าออนไลน์ การเล่าเรื่องราวของผลิตภัณฑ์ การตัดต่อคลิปโฆษณาด้วยโทรศัพท์มือถือ และกลยุทธ์การขาย",
        };
        var pdfs = await printer.PrintAsync([model, Model("นายปั้น ผู้ใหญ่ฟ้าลั่น", "Q2W4-E6R8-T9")], PdfPool.Jobs);
        (await Tools.PdfPageCountAsync(pdfs[0])).ShouldBe(1);
        var lines = (await Tools.PdfTextAsync(pdfs[0])).Split('\n');
        lines.ShouldContain(l => string.Concat(l.Where(c => !char.IsWhiteSpace(c))).Contains(string.Concat(model.HolderName.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal), "the whole name on one line");
        await Tools.PdfToPngAsync(pdfs[0], "certificate-long-name", dpi: 70);
    }
}
