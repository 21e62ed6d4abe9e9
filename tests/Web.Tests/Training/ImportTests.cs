using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using Xunit.Abstractions;

namespace PartnerPrograms.Web.Tests.Training;

public class ImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;
    private const string Header = "คำนำหน้า,ชื่อ,นามสกุล,เลขประจำตัวประชาชน,วันเกิด,โทรศัพท์,จังหวัด,ชุมชน/กลุ่ม,ยินยอม";

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Row(string first, string last, string id, string birth = "15/03/2530", string province = "มหาสารคาม") =>
        $"นาย,{first},{last},{id},{birth},0812345678,{province},กลุ่มทอผ้าบ้านดอน,ใช่";

    /// <summary>Uploads, follows to the preview; returns the preview page (or the upload page with its error).</summary>
    private async Task<IHtmlDocument> PreviewAsync(byte[] content, string name, string type = "text/csv")
    {
        var response = await _staff.UploadAsync(content, name, type);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await _staff.GetDocumentAsync(response.Headers.Location!.OriginalString);
    }

    private static int Stat(IHtmlDocument doc, string id) => int.Parse(doc.QuerySelector($"[data-testid=import-summary] [data-testid={id}]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> TraineeCountAsync() => _app.DbAsync(db => db.Trainees.CountAsync());

    private async Task<HttpResponseMessage> ConfirmAsync(IHtmlDocument preview, IDictionary<string, string>? fields = null)
    {
        var form = (IHtmlFormElement)preview.QuerySelector("form[data-testid=confirm-form]")!;
        return await _staff.PostFormAsync(form, "/Trainees/Import", fields ?? new Dictionary<string, string>());
    }

    [Fact]
    public async Task A_UTF8_file_is_previewed_with_its_bad_rows_and_imports_nothing_until_confirmed()
    {
        var known = (await _app.TraineesAsync(1))[0];
        var a = TrainingData.NewNationalId();
        var b = TrainingData.NewNationalId();
        var badCheck = a[..12] + (char)('0' + (a[12] - '0' + 1) % 10);
        var csv = string.Join("\r\n",
            Header,
            Row("สมหญิง", "ใจงาม", a),                                  // row 2: new
            Row("วิชัย", "ศรีสุข", $"{b[0]}-{b[1..5]}-{b[5..10]}-{b[10..12]}-{b[12]}", "๑/๑/๒๕๑๐"), // row 3: dashes, Thai digits
            Row("ผิด", "เลข", badCheck),                                 // row 4: bad check digit
            Row("สั้น", "เกิน", "12345"),                                 // row 5: too short
            Row("ซ้ำ", "ในไฟล์", a),                                    // row 6: same ID as row 2
            Row("มีแล้ว", "ในระบบ", known.NationalId),                   // row 7: matched to the existing trainee
            Row("", "ไม่มีชื่อ", TrainingData.NewNationalId()),            // row 8: no first name
            Row("วันเกิด", "ผิด", TrainingData.NewNationalId(), "31/02/2530"), // row 9: impossible date
            Row("จังหวัด", "ผิด", TrainingData.NewNationalId(), province: "Atlantis"), // row 10
            "",
            Row("ท้าย", "ไฟล์", TrainingData.NewNationalId(), "1987-12-01", "Khon Kaen")); // row 12 (after a blank line)
        var before = await TraineeCountAsync();
        var preview = await PreviewAsync(Encoding.UTF8.GetBytes(csv), "รายชื่อ.csv");

        Stat(preview, "rows").ShouldBe(10);
        Stat(preview, "new").ShouldBe(3);
        Stat(preview, "matched").ShouldBe(1);
        Stat(preview, "errors").ShouldBe(6);
        var bad = preview.QuerySelectorAll("[data-testid=bad-rows] tbody tr").ToDictionary(r => r.GetAttribute("data-row")!, r => r.TextContent);
        bad.Keys.ShouldBe(["4", "5", "6", "8", "9", "10"]);
        bad["4"].ShouldContain("หลักตรวจสอบไม่ตรง");
        bad["5"].ShouldContain("13 หลัก");
        bad["6"].ShouldContain("ซ้ำกับแถวที่ 2");
        bad["8"].ShouldContain("กรุณากรอกชื่อ");
        bad["9"].ShouldContain("วันเกิด");
        bad["10"].ShouldContain("ไม่พบจังหวัด");
        (await TraineeCountAsync()).ShouldBe(before, "nothing is imported before the user confirms");
        // The rows stay on the server: the confirm form carries only the import id (in its action) and the token.
        var confirm = preview.QuerySelector("form[data-testid=confirm-form]")!;
        confirm.QuerySelectorAll("input").Select(i => i.GetAttribute("name")).ShouldBe(["__RequestVerificationToken"]);

        var done = await ConfirmAsync(preview);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TraineeCountAsync()).ShouldBe(before + 3);
        var imported = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.NationalIdHash == PortalFactory.NationalIds.Hash(b)));
        imported.BirthDate.ShouldBe(new DateOnly(1967, 1, 1));
        imported.FirstName.ShouldBe("วิชัย");
        imported.PdpaConsentAt.ShouldNotBeNull();
        imported.PdpaConsentBy!.ShouldContain("รายชื่อ.csv");
        (await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.LastName == "ไฟล์"))).Province.ShouldBe("ขอนแก่น");
        (await _app.DbAsync(db => db.Trainees.SingleAsync(t => t.Id == known.Id))).FirstName.ShouldBe(known.FirstName, "a matched person is not overwritten");

        // Confirming twice (double click, second tab) imports nothing more.
        var again = await ConfirmAsync(preview);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TraineeCountAsync()).ShouldBe(before + 3);
    }

    [Fact]
    public async Task Files_that_cannot_be_read_are_refused_with_the_reason()
    {
        async Task<string> ErrorOf(byte[] content, string name, string type = "text/csv")
        {
            var r = await _staff.UploadAsync(content, name, type);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            r.Headers.Location!.OriginalString.ShouldBe("/Trainees/Import");
            var page = await _staff.GetDocumentAsync("/Trainees/Import");
            return page.QuerySelector("[data-testid=flash-error]")!.TextContent.Trim();
        }

        (await ErrorOf([], "empty.csv")).ShouldBe("ไฟล์ว่างเปล่า");
        (await ErrorOf(Encoding.UTF8.GetBytes("\uFEFF\r\n\r\n"), "blank.csv")).ShouldBe("ไฟล์ว่างเปล่า");
        (await ErrorOf(Encoding.UTF8.GetBytes(Header + "\r\n"), "header-only.csv")).ShouldContain("ไม่มีข้อมูล");
        (await ErrorOf(Encoding.UTF8.GetBytes("name,surname,phone\r\nก,ข,081\r\n"), "wrong-columns.csv")).ShouldContain("nationalId");
        (await ErrorOf(Encoding.UTF8.GetBytes("a;b;c\r\n1;2;3\r\n"), "semicolons.csv")).ShouldContain("firstName");
        (await ErrorOf("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\0\0"u8.ToArray(), "scan.pdf", "application/pdf")).ShouldContain("ไม่ใช่ CSV");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
        (await ErrorOf(png, "photo.csv")).ShouldContain("ไม่ใช่ CSV");
        (await ErrorOf("PK\u0003\u0004 not really a zip"u8.ToArray(), "broken.xlsx", "application/octet-stream")).ShouldContain("ไฟล์ Excel เสียหาย");
        (await _app.DbAsync(db => db.TraineeImports.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_Thai_Windows_874_file_with_a_BOMless_header_imports_its_Thai_intact()
    {
        var id = TrainingData.NewNationalId();
        var csv = Header + "\r\n" + Row("บุญมี", "มีสุข", id, "๒๐/๐๖/๒๕๐๕", "ลำปาง") + "\r\n";
        var bytes = Encoding.GetEncoding(874).GetBytes(csv);
        Should.Throw<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes), "the test file really is not UTF-8");
        var preview = await PreviewAsync(bytes, "tis620.csv");
        Stat(preview, "new").ShouldBe(1);
        Stat(preview, "errors").ShouldBe(0);
        (await ConfirmAsync(preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var t = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.NationalIdHash == PortalFactory.NationalIds.Hash(id)));
        (t.Title + t.FirstName + " " + t.LastName).ShouldBe("นายบุญมี มีสุข");
        t.BirthDate.ShouldBe(new DateOnly(1962, 6, 20));
        t.Province.ShouldBe("ลำปาง");
        t.Community.ShouldBe("กลุ่มทอผ้าบ้านดอน");
    }

    [Fact]
    public async Task UTF8_with_a_BOM_and_English_headers_and_quoted_fields_is_read()
    {
        var id = TrainingData.NewNationalId();
        var csv = "\uFEFFTitle,First name,Last name,National ID,Birth date,Province,Community\r\n" +
                  $"นาง,\"มาลัย\",\"ทองดี\",\"{id}\",1970-05-01,44,\"กลุ่ม OTOP, น้ำพริก \"\"แม่บุญ\"\"\"\r\n";
        var preview = await PreviewAsync(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray(), "bom.csv");
        Stat(preview, "new").ShouldBe(1);
        await ConfirmAsync(preview);
        var t = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.NationalIdHash == PortalFactory.NationalIds.Hash(id)));
        t.Community.ShouldBe("กลุ่ม OTOP, น้ำพริก \"แม่บุญ\"");
        t.Province.ShouldBe("มหาสารคาม");
    }

    [Fact]
    public async Task An_XLSX_file_as_Excel_saves_it_imports_and_enrols_everyone_into_a_cohort_with_a_waitlist()
    {
        var course = await _app.CourseAsync();
        var cohort = await _app.CohortAsync(course.Id, capacity: 3);
        var ids = Enumerable.Range(0, 5).Select(_ => TrainingData.NewNationalId()).ToList();
        var rows = new List<object[]> { new object[] { "คำนำหน้า", "ชื่อ", "นามสกุล", "เลขประจำตัวประชาชน", "วันเกิด", "จังหวัด" } };
        // IDs as numbers (as Excel stores them), a birth date as an Excel date serial, one bad row.
        rows.AddRange(ids.Select((id, i) => new object[] { "นางสาว", $"กาญจนา{i}", "พรหมวงศ์", double.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 31851.0, "แพร่" }));
        rows.Add(["นาย", "ไม่มี", "เลข", "", "", ""]);
        var preview = await PreviewAsync(Xlsx(rows), "รายชื่อ.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Stat(preview, "new").ShouldBe(5);
        Stat(preview, "errors").ShouldBe(1);
        preview.QuerySelector("[data-testid=bad-rows] tbody tr")!.GetAttribute("data-row").ShouldBe("7");

        var done = await ConfirmAsync(preview, new Dictionary<string, string> { ["CohortId"] = cohort.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        done.Headers.Location!.OriginalString.ShouldContain($"/Training/Cohorts/Details?id={cohort.Id}");
        var t = await _app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync(t => t.NationalIdHash == PortalFactory.NationalIds.Hash(ids[0])));
        t.BirthDate.ShouldBe(new DateOnly(1987, 3, 15));
        t.Province.ShouldBe("แพร่");
        var statuses = await _app.DbAsync(db => db.Enrollments.Where(e => e.CohortId == cohort.Id).GroupBy(e => e.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync());
        statuses.Single(s => s.Key == EnrollmentStatus.Enrolled).N.ShouldBe(3);
        statuses.Single(s => s.Key == EnrollmentStatus.Waitlisted).N.ShouldBe(2);
    }

    [Fact]
    public async Task Two_overlapping_imports_confirmed_at_once_register_each_person_once()
    {
        var ids = Enumerable.Range(0, 300).Select(_ => TrainingData.NewNationalId()).ToList();
        byte[] File(string who) => Encoding.UTF8.GetBytes(string.Join("\r\n", ids.Select((id, i) => Row($"{who}{i}", "พร้อมกัน", id)).Prepend(Header)) + "\r\n");
        var before = await TraineeCountAsync();
        var first = await PreviewAsync(File("ก"), "first.csv");
        var second = await PreviewAsync(File("ข"), "second.csv");
        Stat(first, "new").ShouldBe(300);
        Stat(second, "new").ShouldBe(300);

        var done = await Task.WhenAll(ConfirmAsync(first), ConfirmAsync(second));
        done.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await TraineeCountAsync()).ShouldBe(before + 300, "each person once, whichever import got there first");

        // If the two overlapped, the later one imported nothing (and said so); confirming it again matches everyone.
        var pending = await _app.DbAsync(db => db.TraineeImports.Where(i => i.CommittedAt == null).Select(i => i.Id).ToListAsync());
        foreach (var id in pending)
            (await ConfirmAsync(await _staff.GetDocumentAsync($"/Trainees/Import?id={id}"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TraineeCountAsync()).ShouldBe(before + 300);
        var imports = await _app.DbAsync(db => db.TraineeImports.AsNoTracking().ToListAsync());
        imports.ShouldAllBe(i => i.CommittedAt != null);
        imports.Sum(i => i.CreatedCount).ShouldBe(300);
        imports.Sum(i => i.MatchedCount).ShouldBe(300);
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_seconds()
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        var ids = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var id = NationalId.WithCheckDigit("5" + (10_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            ids.Add(id);
            sb.Append(Row($"ผู้นำ{i}", "เครือข่ายธุรกิจชุมชน", id)).Append("\r\n");
        }
        var clock = Stopwatch.StartNew();
        var preview = await PreviewAsync(Encoding.UTF8.GetBytes(sb.ToString()), "515-leaders.csv");
        var previewTime = clock.Elapsed;
        Stat(preview, "new").ShouldBe(10_000);
        clock.Restart();
        (await ConfirmAsync(preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var commitTime = clock.Elapsed;
        output.WriteLine($"10,000 rows: preview {previewTime.TotalSeconds:0.0} s, import {commitTime.TotalSeconds:0.0} s");
        (await _app.DbAsync(db => db.Trainees.CountAsync())).ShouldBe(10_000);
        // Not a timing test (shared machines vary); a generous bound catches a row-by-row regression.
        commitTime.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    private static byte[] Xlsx(List<object[]> rows)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            // Shared strings, as Excel writes text.
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable();
            var strings = new List<string>();
            var sheet = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (rows[r][c] is double d)
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) });
                    else if (rows[r][c] is string { Length: > 0 } s)
                    {
                        var i = strings.IndexOf(s);
                        if (i < 0) { strings.Add(s); i = strings.Count - 1; sst.SharedStringTable.Append(new SharedStringItem(new Text(s))); }
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                    }
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = wb.GetIdOfPart(sheet), SheetId = 1, Name = "รายชื่อ" });
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }
}
