using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class PdfRendererTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string ThaiParagraph =
        "มูลนิธิสัมมาชีพร่วมกับกรมการพัฒนาชุมชนลงนามบันทึกข้อตกลงความร่วมมือสานพลังขับเคลื่อนพัฒนาวิสาหกิจท่องเที่ยวชุมชน " +
        "เพื่อจัดกลุ่มชุมชนท่องเที่ยวออกเป็นสี่กลุ่ม และวางแผนพัฒนาผู้ประกอบการในพื้นที่ที่มีศักยภาพด้านการเรียนรู้";

    [Fact]
    public async Task Prints_a_Thai_page_whose_text_reads_back_exactly()
    {
        var pdfRenderer = _app.Services.GetRequiredService<PdfRenderer>();
        var html = $$"""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>{{DocumentFonts.FontFaceCss}}
            body { font-family: 'Sarabun'; font-size: 16pt; margin: 2cm; } h1 { font-size: 24pt; text-align: center; }</style></head>
            <body><h1>บันทึกข้อตกลงความร่วมมือ</h1>
            <p>นางสาวญาณี ปิ่นแก้วฟ้า · นายปั้น ผู้ใหญ่ฟ้าลั่น · ลงวันที่ 2 มีนาคม 2563</p>
            <p>{{ThaiParagraph}} {{ThaiParagraph}} {{ThaiParagraph}}</p></body></html>
            """;
        var pdf = await pdfRenderer.RenderAsync(html, new PdfPageOptions(Margin: "0"));
        pdf.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        (await Tools.PdfPageCountAsync(pdf)).ShouldBe(1);
        var text = await Tools.PdfTextAsync(pdf);
        var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        flat.ShouldContain("บันทึกข้อตกลงความร่วมมือ");
        flat.ShouldContain("นางสาวญาณีปิ่นแก้วฟ้า");
        flat.ShouldContain("นายปั้นผู้ใหญ่ฟ้าลั่น");
        flat.ShouldContain("2มีนาคม2563");
        flat.ShouldContain(string.Concat(ThaiParagraph.Where(c => !char.IsWhiteSpace(c))));

        // Kept for people to look at: stacked vowels and tone marks (ปั้น, ผู้ใหญ่, ญาณี) in place.
        var pngs = await Tools.PdfToPngAsync(pdf, "pdf-renderer-thai", dpi: 90);
        pngs.Length.ShouldBe(1);
    }

    [Fact]
    public async Task Prints_several_documents_at_once_on_the_shared_browser()
    {
        var pdfRenderer = _app.Services.GetRequiredService<PdfRenderer>();
        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => pdfRenderer.RenderAsync(
            $"<html><head><meta charset='utf-8'><style>{DocumentFonts.FontFaceCss} body{{font-family:Sarabun}}</style></head><body><p>เอกสารฉบับที่ {i}</p></body></html>")));
        for (var i = 0; i < results.Length; i++)
            (await Tools.PdfTextAsync(results[i])).ShouldContain($"เอกสารฉบับที่ {i + 1}");
    }
}
