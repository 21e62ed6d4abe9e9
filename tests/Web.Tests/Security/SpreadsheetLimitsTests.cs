using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Uploaded tables have a column and a row limit, and a workbook is read as a stream: a cell reference far to the
/// right (ZZZZZZ1) or a sheet longer than the limit is refused whole, quickly, in bounded memory, with a Thai message.
/// </summary>
public class SpreadsheetLimitsTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Imports:MaxTraineeRows"] = "5", ["Imports:MaxCommunityRows"] = "3" });
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A real workbook (from <see cref="FileTests.Xlsx"/>) whose sheet XML is replaced by <paramref name="sheetData"/>'s rows.</summary>
    public static byte[] WorkbookWithSheet(Action<Stream> sheetData, string? sharedStrings = null)
    {
        var real = FileTests.Xlsx(["a"]);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(real), ZipArchiveMode.Read))
        {
            foreach (var e in source.Entries)
            {
                using var to = zip.CreateEntry(e.FullName).Open();
                if (e.FullName.Contains("worksheets/", StringComparison.Ordinal))
                {
                    to.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
                    sheetData(to);
                    to.Write("</sheetData></worksheet>"u8);
                    continue;
                }
                using var from = e.Open();
                if (sharedStrings is not null && e.FullName == "[Content_Types].xml")
                {
                    var types = new StreamReader(from).ReadToEnd().Replace("</Types>",
                        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>", StringComparison.Ordinal);
                    to.Write(Encoding.UTF8.GetBytes(types));
                }
                else if (sharedStrings is not null && e.FullName.EndsWith("workbook.xml.rels", StringComparison.Ordinal))
                {
                    var rels = new StreamReader(from).ReadToEnd().Replace("</Relationships>",
                        "<Relationship Id=\"rIdSst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>", StringComparison.Ordinal);
                    to.Write(Encoding.UTF8.GetBytes(rels));
                }
                else from.CopyTo(to);
            }
            if (sharedStrings is not null)
            {
                using var sst = zip.CreateEntry("xl/sharedStrings.xml").Open();
                sst.Write(Encoding.UTF8.GetBytes("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + sharedStrings + "</sst>"));
            }
        }
        return ms.ToArray();
    }

    private static byte[] Sheet(string rowsXml) => WorkbookWithSheet(s => s.Write(Encoding.UTF8.GetBytes(rowsXml)));

    private static string Inline(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    [Fact]
    public void A_value_at_ZZZZZZ1_is_refused_at_once_in_little_memory_and_an_empty_cell_out_there_pads_nothing()
    {
        var crafted = Sheet($"<row r=\"1\">{Inline("A1", "firstName")}{Inline("B1", "lastName")}</row>" +
                            $"<row r=\"2\">{Inline("A2", "สมชาย")}{Inline("ZZZZZZ2", "x")}</row>");
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var problem = Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(crafted));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(64L * 1024 * 1024, "a row is never padded out to the reference");
        problem.Message.ShouldBe(SpreadsheetReader.TooManyColumns);
        problem.Args.ShouldBe(["2", "ZZZZZZ", "CV"]);

        // Column 100 (CV) is read, 101 (CW) is not; a style-only cell at Excel's last column (XFD) is ignored, not padded to.
        var edge = SpreadsheetReader.Read(Sheet($"<row r=\"1\">{Inline("A1", "h")}</row><row r=\"2\">{Inline("A2", "a")}{Inline("CV2", "b")}<c r=\"XFD2\" s=\"1\"/></row>"));
        edge.Rows.Single().Cells.Length.ShouldBe(100);
        edge.Rows.Single().Cells[99].ShouldBe("b");
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(Sheet($"<row r=\"1\">{Inline("A1", "h")}{Inline("CW1", "too far")}</row>")))
            .Args.ShouldBe(["1", "CW", "CV"]);
        // A reference long enough to overflow a 32-bit column number is still "too far", not column A.
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(Sheet($"<row r=\"1\">{Inline("A1", "h")}{Inline("ZZZZZZZZZZZZZZ1", "x")}</row>")))
            .Message.ShouldBe(SpreadsheetReader.TooManyColumns);
    }

    [Fact]
    public void A_sheet_over_the_row_limit_is_refused_while_streaming_and_one_at_the_limit_is_read()
    {
        // 200,000 rows (about 10 MB of sheet XML) against a limit of 50,000: refused after the 50,001st row, without
        // building the sheet's document tree (the old reader loaded it whole: several hundred MB for this file).
        var big = WorkbookWithSheet(s =>
        {
            s.Write(Encoding.UTF8.GetBytes($"<row r=\"1\">{Inline("A1", "firstName")}{Inline("B1", "lastName")}</row>"));
            for (var r = 2; r <= 200_001; r++) s.Write(Encoding.UTF8.GetBytes($"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c><c r=\"B{r}\"><v>{r}</v></c></row>"));
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(big)).Args.ShouldBe(["50,000"]);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(400L * 1024 * 1024);

        var limits = new SpreadsheetReader.Limits(MaxRows: 3);
        var three = "h\r\n1\r\n2\r\n3\r\n";
        SpreadsheetReader.Read(Encoding.UTF8.GetBytes(three), limits: limits).Rows.Count.ShouldBe(3);
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(Encoding.UTF8.GetBytes(three + "4\r\n"), limits: limits))
            .Message.ShouldBe(SpreadsheetReader.TooManyRows);
        // Blank lines are not rows of data.
        SpreadsheetReader.Read(Encoding.UTF8.GetBytes(three + "\r\n,,\r\n"), limits: limits).Rows.Count.ShouldBe(3);
    }

    [Fact]
    public void CSV_has_the_same_column_limit_and_tolerates_trailing_empty_fields()
    {
        var trailing = "a,b" + new string(',', 5000) + "\r\n1,2" + new string(',', 5000) + "\r\n";
        var sheet = SpreadsheetReader.Read(Encoding.UTF8.GetBytes(trailing));
        sheet.Rows.Single().Cells.Length.ShouldBe(100);
        sheet.Rows.Single().Cells[..2].ShouldBe(["1", "2"]);
        var wide = "a,b\r\n1,2" + new string(',', 150) + "x\r\n";
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(Encoding.UTF8.GetBytes(wide))).Args.ShouldBe(["2", "EV", "CV"]);
    }

    [Fact]
    public void The_streaming_reader_reads_what_the_tree_reader_did()
    {
        // Shared strings (rich text joined, phonetic guide left out), inline strings, a 13-digit number in E notation,
        // booleans, cells without references, an empty row and a gap in the row numbers.
        var book = WorkbookWithSheet(s => s.Write(Encoding.UTF8.GetBytes(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c t=\"inlineStr\"><is><t>id</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>" +
                "<row r=\"2\"/>" +
                "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\" t=\"s\"><v>3</v></c><c r=\"C4\"><v>1.10370012345E+12</v></c><c r=\"E4\" t=\"b\"><v>1</v></c></row>")),
            "<si><t>ชื่อ</t></si><si><t>นามสกุล</t></si><si><r><t>สม</t></r><r><t>ชาย</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si><si><t xml:space=\"preserve\"> ใจดี </t></si>");
        var sheet = SpreadsheetReader.Read(book);
        sheet.Header.ShouldBe(["ชื่อ", "นามสกุล", "id", "", "ok"]);
        var row = sheet.Rows.Single();
        row.Row.ShouldBe(4);
        row.Cells.ShouldBe(["สมชาย", "ใจดี", "1103700123450", "", "TRUE"]);
    }

    private async Task<string> TraineeImportErrorAsync(byte[] content, string name)
    {
        var r = await _staff.UploadAsync(content, name, "application/octet-stream");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.OriginalString.ShouldBe("/Trainees/Import", "refused: back to the upload form");
        return (await _staff.GetDocumentAsync("/Trainees/Import")).QuerySelector("[data-testid=flash-error]")!.TextContent.Trim();
    }

    private static string TraineeCsv(int rows) => "ชื่อ,นามสกุล,เลขประจำตัวประชาชน\r\n" +
        string.Concat(Enumerable.Range(1, rows).Select(i => $"สมชาย{i},ใจดี,{TrainingData.NewNationalId()}\r\n"));

    [Fact]
    public async Task The_import_pages_refuse_a_file_over_the_limits_whole_with_a_Thai_message()
    {
        (await TraineeImportErrorAsync(Encoding.UTF8.GetBytes(TraineeCsv(6)), "six.csv")).ShouldBe(
            "ไฟล์มีข้อมูลเกิน 5 แถว ซึ่งเป็นจำนวนสูงสุดที่นำเข้าได้ในครั้งเดียว ระบบยังไม่ได้นำเข้าข้อมูลใด ๆ กรุณาแบ่งเป็นไฟล์ย่อยแล้วนำเข้าทีละไฟล์");
        var crafted = Sheet($"<row r=\"1\">{Inline("A1", "ชื่อ")}{Inline("B1", "นามสกุล")}{Inline("C1", "เลขประจำตัวประชาชน")}{Inline("ZZZZZZ1", "x")}</row>");
        (await TraineeImportErrorAsync(crafted, "wide.xlsx")).ShouldStartWith("แถวที่ 1 มีข้อมูลในคอลัมน์ ZZZZZZ ซึ่งเกินคอลัมน์สุดท้ายที่ระบบอ่านได้ (CV)");
        (await _app.DbAsync(db => db.TraineeImports.CountAsync())).ShouldBe(0, "nothing staged");
        (await _app.DbAsync(db => db.Trainees.CountAsync())).ShouldBe(0, "nothing imported");

        // At the limit the preview opens with every row.
        var ok = await _staff.UploadAsync(Encoding.UTF8.GetBytes(TraineeCsv(5)), "five.csv");
        ok.Headers.Location!.OriginalString.ShouldContain("id=");
        (await _app.DbAsync(db => db.TraineeImports.SingleAsync())).RowCount.ShouldBe(5);

        var doc = await _staff.GetDocumentAsync("/Communities/Import");
        var token = doc.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("name,province\nก,เลย\nข,เลย\nค,เลย\nง,เลย\n")), "file", "four.csv" },
        };
        var community = await _staff.PostAsync("/Communities/Import?handler=Upload", form);
        community.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await community.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ไฟล์มีข้อมูลเกิน 3 แถว");
        (await _app.DbAsync(db => db.CommunityImports.CountAsync())).ShouldBe(0);
    }
}
