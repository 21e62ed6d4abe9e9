using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Reports;

/// <summary>The programme report page, its filters, its XLSX/CSV/PDF exports, the partner annual summary and who may see them.</summary>
public sealed class ProgrammeReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static string Be(int year) => (year + 543).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("", 8, 3, 2)]
    [InlineData("?year=LAST", 2, 2, 2)]
    [InlineData("?year=all", 10, 5, 4)]
    [InlineData("?courseId=Y", 4, 0, 0)]
    [InlineData("?province=40", 4, 3, 2)]              // ขอนแก่น by its code
    [InlineData("?province=ขอนแก่น&year=all", 6, 5, 4)]
    [InlineData("?region=North", 3, 0, 0)]
    [InlineData("?region=NorthEast&courseId=X", 4, 3, 2)]
    [InlineData("?partnerId=A", 4, 3, 2)]
    [InlineData("?partnerId=B", 3, 0, 0)]
    public async Task Filters_give_the_figures_and_the_lists_agree(string query, int registered, int completed, int certified)
    {
        query = query.Replace("LAST", Be(ReportWorld.Year - 1), StringComparison.Ordinal)
            .Replace("courseId=Y", "courseId=" + world.CourseY, StringComparison.Ordinal).Replace("courseId=X", "courseId=" + world.CourseX, StringComparison.Ordinal)
            .Replace("partnerId=A", "partnerId=" + world.PartnerA, StringComparison.Ordinal).Replace("partnerId=B", "partnerId=" + world.PartnerB, StringComparison.Ordinal);
        var client = await world.App.SignedInClientAsync("staff@example.org");
        var page = await client.GetDocumentAsync("/Reports/Programme" + query);
        page.QuerySelector("[data-testid=filter-errors]").ShouldBeNull();
        int Figure(string name) => int.Parse(page.QuerySelector($"[data-figure={name}] [data-value]")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        (Figure("registered"), Figure("completed"), Figure("certified")).ShouldBe((registered, completed, certified));
        foreach (var name in new[] { "registered", "completed", "certified" })
        {
            var href = page.QuerySelector($"[data-figure={name}]")!.GetAttribute("href")!;
            (await DashboardTests.ListCountAsync(client, href)).ShouldBe(Figure(name), href);
        }
        // Each course row's figures add up to the totals and link to lists of that many.
        var courseCells = page.QuerySelectorAll("[data-testid=course-table] td[data-col=registered] a");
        courseCells.Sum(a => int.Parse(a.TextContent, CultureInfo.InvariantCulture)).ShouldBe(registered);
        foreach (var a in courseCells)
            (await DashboardTests.ListCountAsync(client, a.GetAttribute("href")!)).ShouldBe(int.Parse(a.TextContent, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_page_reads_in_Thai_with_the_Buddhist_era_year_and_links_the_exports()
    {
        var client = await world.App.SignedInClientAsync("staff@example.org");
        var page = await client.GetDocumentAsync("/Reports/Programme?region=NorthEast");
        page.QuerySelector("h1")!.TextContent.ShouldBe("รายงานผลการดำเนินงานโครงการ");
        page.QuerySelector("#year option[selected]")!.TextContent.ShouldBe(Be(ReportWorld.Year));
        page.QuerySelector("[data-testid=filter-text]")!.TextContent.ShouldContain($"ปี พ.ศ. {Be(ReportWorld.Year)}");
        page.QuerySelector("[data-testid=filter-text]")!.TextContent.ShouldContain("ภาคตะวันออกเฉียงเหนือ");
        page.QuerySelector("[data-testid=region-table] tr[data-region=NorthEast] [data-col=registered]")!.TextContent.Trim().ShouldBe("4");
        page.QuerySelector("[data-testid=export-xlsx]")!.GetAttribute("href").ShouldBe($"/api/v1/reports/programme.xlsx?year={ReportWorld.Year}&region=NorthEast");
        // The export links work with the page's own cookie.
        var pdf = await client.GetAsync(page.QuerySelector("[data-testid=export-pdf]")!.GetAttribute("href"));
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

    [Fact]
    public async Task XLSX_and_CSV_hold_the_figures_with_Thai_intact()
    {
        var api = await world.App.ApiClientAsync("staff@example.org");
        var xlsx = await api.GetAsync($"/api/v1/reports/programme.xlsx?year={Be(ReportWorld.Year)}");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var wb = doc.WorkbookPart!;
            var sheets = wb.Workbook.Sheets!.OfType<Sheet>().ToList();
            sheets.Select(s => s.Name!.Value).ShouldBe(["สรุป", "หลักสูตร", "ภาค", "จังหวัด", "ภาคี"]);
            List<List<string>> Rows(string name)
            {
                var part = (WorksheetPart)wb.GetPartById(sheets.Single(s => s.Name == name).Id!);
                return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
            }
            Rows("สรุป")[1].Take(4).ShouldBe(["รวมทั้งหมด", "8", "3", "2"]);
            var courses = Rows("หลักสูตร");
            courses[0][0].ShouldBe("หลักสูตร");
            courses.Single(r => r[0] == ReportWorld.CourseXTitle).Take(6).ShouldBe([ReportWorld.CourseXTitle, "4", "3", "2", "75", "81.3"]);
            Rows("จังหวัด").Single(r => r[0] == "เชียงใหม่")[1].ShouldBe("3");
            Rows("ภาค").Single(r => r[0] == "ภาคตะวันออกเฉียงเหนือ")[1].ShouldBe("4");
            Rows("ภาคี").Single(r => r[0] == "ธนาคารออมสิน").Take(5).ShouldBe(["ธนาคารออมสิน", "1", "4", "1", "2"]);
        }

        var csv = await api.GetAsync($"/api/v1/reports/programme.csv?courseId={world.CourseX}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.CharSet.ShouldBe("utf-8");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM so Excel reads Thai");
        var text = Encoding.UTF8.GetString(bytes[3..]);
        text.ShouldContain($"{ReportWorld.CourseXTitle},4,3,2,75,81.3");
        text.ShouldContain("ขอนแก่น,4,3,2");
        text.ShouldNotContain(ReportWorld.CourseYTitle);
    }

    [Fact]
    public async Task The_PDF_is_Thai_with_the_figures_and_charts()
    {
        var api = await world.App.ApiClientAsync("staff@example.org");
        var response = await api.GetAsync("/api/v1/reports/programme.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await Tools.PdfTextAsync(pdf);
        text.ShouldContainText("รายงานผลการดำเนินงานโครงการ");
        text.ShouldContainText($"ปี พ.ศ. {Be(ReportWorld.Year)}");
        text.ShouldContainText("ผลการอบรมรายหลักสูตร");
        text.ShouldContainText("ผลการอบรมรายภาค");
        text.ShouldContainText("ความสำเร็จของภารกิจตาม MOU รายภาคี");
        text.ShouldContainText(ReportWorld.CourseXTitle);
        text.ShouldContainText("ภาคตะวันออกเฉียงเหนือ");
        text.ShouldContainText("ธนาคารออมสิน");
        text.ShouldContain("75.0%");
        text.ShouldContain("81.3%");
        var pngs = await Tools.PdfToPngAsync(pdf, "report-programme", 60);
        pngs.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_partner_prints_its_own_annual_summary_only()
    {
        var partnerA = await world.App.ApiClientAsync("a@example.org");
        var own = await partnerA.GetAsync($"/api/v1/reports/partners/{world.PartnerA}/annual.pdf?year={Be(ReportWorld.Year)}");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await Tools.PdfTextAsync(await own.Content.ReadAsByteArrayAsync());
        text.ShouldContainText($"รายงานสรุปประจำปี พ.ศ. {Be(ReportWorld.Year)}");
        text.ShouldContainText("ธนาคารออมสิน");
        text.ShouldContainText("MOU-A-001");
        text.ShouldContainText("จัดอบรมการออมให้ชุมชน");
        text.ShouldContainText("รุ่นที่ 1 ขอนแก่น");
        text.ShouldNotContain("MOU-B-001");
        text.ShouldNotContain("MOU-A-002", Case.Sensitive, "a draft is not part of the year's work");
        (await partnerA.GetAsync($"/api/v1/reports/partners/{world.PartnerB}/annual.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var staff = await world.App.ApiClientAsync("staff@example.org");
        var b = await staff.GetAsync($"/api/v1/reports/partners/{world.PartnerB}/annual.pdf");
        b.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bText = await Tools.PdfTextAsync(await b.Content.ReadAsByteArrayAsync());
        bText.ShouldContainText("กรมการพัฒนาชุมชน");
        bText.ShouldContainText("MOU-B-001");
        bText.ShouldContainText("รุ่นที่ 1 เชียงใหม่");
        await Tools.PdfToPngAsync(await (await staff.GetAsync($"/api/v1/reports/partners/{world.PartnerA}/annual.pdf")).Content.ReadAsByteArrayAsync(), "report-annual-partner", 60);
    }

    [Fact]
    public async Task Who_may_see_what()
    {
        var anonymous = world.App.CreateBrowserClient();
        (await anonymous.GetAsync("/api/v1/reports/summary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/reports/programme.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await anonymous.GetAsync("/Reports/Programme");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await anonymous.GetAsync("/Reports/List?kind=Registered")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var participant = await world.App.SignedInClientAsync("participant@example.org");
        (await participant.GetAsync("/Reports/Programme")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await participant.GetAsync("/api/v1/reports/programme.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await participant.GetAsync($"/api/v1/reports/partners/{world.PartnerA}/annual.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var partner = await world.App.ApiClientAsync("a@example.org");
        (await partner.GetAsync("/api/v1/reports/programme.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var staff = await world.App.ApiClientAsync("staff@example.org");
        (await staff.GetAsync("/api/v1/reports/programme.csv?province=atlantis")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.GetAsync("/api/v1/reports/programme.csv?region=Mars")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
