using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>Uploads (size before reading, type by content, zip bombs, broken archives) and exports (formula injection).</summary>
public class FileTests(SecurityWorld world) : IClassFixture<SecurityWorld>
{
    // ---- The reader on its own

    /// <summary>A real .xlsx with one sheet of text cells (inline strings).</summary>
    public static byte[] Xlsx(params string[][] rows)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var r in rows)
                data.Append(new Row(r.Select(c => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(c)) })));
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Sheet1" }));
        }
        return ms.ToArray();
    }

    /// <summary>
    /// A zip bomb shaped like a workbook: the sheet XML is <paramref name="megabytes"/> MB of one repeated character, which
    /// deflates about 1000:1, so the upload is tiny.
    /// </summary>
    public static byte[] ZipBomb(int megabytes = 300)
    {
        var real = Xlsx(["firstName", "lastName"], ["สมชาย", "ใจดี"]);
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(real), ZipArchiveMode.Read))
        {
            foreach (var e in source.Entries.Where(e => !e.FullName.Contains("worksheets/", StringComparison.Ordinal)))
            {
                using var to = zip.CreateEntry(e.FullName).Open();
                using var from = e.Open();
                from.CopyTo(to);
            }
            var sheet = source.Entries.Single(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal)).FullName;
            using var s = zip.CreateEntry(sheet, CompressionLevel.SmallestSize).Open();
            s.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row><c t=\"inlineStr\"><is><t>"u8);
            var block = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var i = 0; i < megabytes; i++) s.Write(block);
            s.Write("</t></is></c></row></sheetData></worksheet>"u8);
        }
        return ms.ToArray();
    }

    [Fact]
    public void The_reader_refuses_a_zip_bomb_from_the_zip_directory_a_truncated_workbook_and_non_tables_and_decides_by_content()
    {
        var bomb = ZipBomb();
        bomb.Length.ShouldBeLessThan(1024 * 1024, "the bomb is small on the wire");
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(bomb)).Message.ShouldBe(SpreadsheetReader.Bomb);

        var good = Xlsx(["firstName", "lastName"], ["สมชาย", "ใจดี"]);
        SpreadsheetReader.Read(good).Rows.Single().Cells.ShouldBe(["สมชาย", "ใจดี"]);
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(good[..(good.Length / 2)])).Message.ShouldBe(SpreadsheetReader.Broken);
        // The central directory intact but a sheet's data cut: still the same clear refusal, never an exception of the zip library.
        var damaged = (byte[])good.Clone();
        for (var i = 40; i < damaged.Length / 2; i++) damaged[i] = 0x55;
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(damaged)).Message.ShouldBe(SpreadsheetReader.Broken);

        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read("%PDF-1.7\n..."u8.ToArray())).Message.ShouldBe(SpreadsheetReader.NotATable);
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])).Message.ShouldBe(SpreadsheetReader.NotATable);
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read(new byte[3000])).Message.ShouldBe(SpreadsheetReader.NotATable);
        Should.Throw<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.Read("a,b\n1,2\n"u8.ToArray(), maxBytes: 4)).Message.ShouldBe(SpreadsheetReader.TooLarge);
        // Thai CSV in UTF-8 and in Windows-874 read the same.
        var csv = "ชื่อ,นามสกุล\r\nสมชาย,ใจดี\r\n";
        SpreadsheetReader.Read(Encoding.UTF8.GetBytes(csv)).Rows.Single().Cells.ShouldBe(["สมชาย", "ใจดี"]);
        SpreadsheetReader.Read(Encoding.GetEncoding(874).GetBytes(csv)).Rows.Single().Cells.ShouldBe(["สมชาย", "ใจดี"]);
    }

    [Fact]
    public async Task The_upload_is_cut_off_at_the_limit_before_it_is_read_whole()
    {
        var endless = new CountingStream();
        var problem = await Should.ThrowAsync<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.ReadUploadAsync(endless, null, 1024 * 1024));
        problem.Message.ShouldBe(SpreadsheetReader.TooLarge);
        endless.BytesRead.ShouldBeLessThanOrEqualTo(1024 * 1024 + 81920, "reading stopped at the limit");
        (await Should.ThrowAsync<SpreadsheetReader.FileProblem>(() => SpreadsheetReader.ReadUploadAsync(new CountingStream(), 50_000_000, 1024 * 1024))).Message.ShouldBe(SpreadsheetReader.TooLarge);
    }

    private sealed class CountingStream : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { BytesRead += count; return count; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // ---- The two import pages

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string field, byte[] content, string fileName, string? handler = null)
    {
        var doc = await client.GetDocumentAsync(page);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", form);
    }

    /// <summary>The Thai message the page shows after an upload (the trainee page redirects with a flash, the community page re-renders).</summary>
    private static async Task<string> MessageAfterAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        ((int)response.StatusCode).ShouldBeLessThan(500, what);
        var html = response.StatusCode == HttpStatusCode.Redirect
            ? await client.GetStringAsync(response.Headers.Location!.ToString())
            : await response.Content.ReadAsStringAsync();
        var doc = PageDriver.Parse(html);
        var errors = string.Join(" | ", doc.QuerySelectorAll(".alert-danger, .text-danger, .pp-field-error, .invalid-feedback, .validation-summary-errors").Select(e => e.TextContent.Trim()));
        // Over the request limit the upload never reaches the page: the error page says why (413).
        return response.StatusCode == HttpStatusCode.RequestEntityTooLarge ? doc.QuerySelector("main h1")?.TextContent ?? "" : errors;
    }

    public static TheoryData<string, string> Uploads => new()
    {
        { "/Trainees/Import", "Upload" },
        { "/Communities/Import", "file" },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task Each_import_page_refuses_bombs_broken_workbooks_disguised_files_and_oversize_uploads_with_a_Thai_message(string page, string field)
    {
        var staff = await world.BrowserAsync(Who.Staff);
        var handler = page.StartsWith("/Communities", StringComparison.Ordinal) ? "Upload" : null;
        var good = Xlsx(["firstName", "lastName"], ["สมชาย", "ใจดี"]);
        var cases = new (byte[] Content, string Name, string Thai)[]
        {
            (ZipBomb(), "trainees.xlsx", "มีข้อมูลมากเกินกว่าที่นำเข้าได้"),
            (good[..(good.Length / 2)], "trainees.xlsx", "ไฟล์ Excel เสียหายหรือไม่สมบูรณ์"),
            ("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray(), "trainees.csv", "ไม่ใช่ CSV หรือ Excel"),
            (new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0 }, "trainees.xlsx", "ไม่ใช่ CSV หรือ Excel"),
            (new byte[25 * 1024 * 1024], "big.csv", "ใหญ่เกินไป"),
        };
        foreach (var (content, name, thai) in cases)
        {
            var response = await UploadAsync(staff, page, field, content, name, handler);
            var message = await MessageAfterAsync(staff, response, $"{page} with {name} ({content.Length} bytes)");
            message.ShouldContain(thai, Case.Sensitive, $"{page} with {name} ({content.Length} bytes) answered {(int)response.StatusCode}: {message}");
        }
        (await world.App.DbAsync(async db => await db.TraineeImports.CountAsync() + await db.CommunityImports.CountAsync())).ShouldBe(0, "nothing was staged");
    }

    [Fact]
    public async Task Mou_attachments_are_checked_by_content_not_by_name()
    {
        var staff = await world.BrowserAsync(Who.Staff);
        var page = $"/Mous/Details?id={world.B.Mou}";
        var before = await world.App.DbAsync(db => db.MouAttachments.CountAsync(a => a.MouId == world.B.Mou));
        var doc = await staff.GetDocumentAsync(page);
        var form = doc.QuerySelectorAll("form").First(f => (f.GetAttribute("action") ?? "").Contains("handler=Attach", StringComparison.Ordinal));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fileField = form.QuerySelector("input[type=file]")!.GetAttribute("name")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, fileField, "สัญญา.pdf");
        var response = await staff.PostAsync(form.GetAttribute("action"), content);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        (await world.App.DbAsync(db => db.MouAttachments.CountAsync(a => a.MouId == world.B.Mou))).ShouldBe(before, "an HTML file named .pdf is refused");
    }

    // ---- Exports: formula injection

    /// <summary>Every CSV/XLSX export, by the URL a user clicks. Adding an export is one line here.</summary>
    public static readonly (string Name, Func<SecurityWorld, string> Url)[] Exports =
    [
        ("roster.csv", w => $"/Training/Cohorts/Details?id={w.A.Cohort}&handler=Export&kind=roster&format=csv"),
        ("roster.xlsx", w => $"/Training/Cohorts/Details?id={w.A.Cohort}&handler=Export&kind=roster&format=xlsx"),
        ("attendance.csv", w => $"/Training/Cohorts/Details?id={w.A.Cohort}&handler=Export&kind=attendance&format=csv"),
        ("attendance.xlsx", w => $"/Training/Cohorts/Details?id={w.A.Cohort}&handler=Export&kind=attendance&format=xlsx"),
        ("group-c-communities.csv", _ => "/Communities/GroupC?handler=Csv"),
    ];

    public static TheoryData<string> ExportNames => new(Exports.Select(e => e.Name));

    /// <summary>Text a spreadsheet would run as a formula, planted in names, communities and contacts. After trimming
    /// (tab/CR) each still starts with a formula character, so an un-neutralised cell is caught either way.</summary>
    private static readonly string[] Payloads = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@SUM(1)", "\t=1+1", "\r=2+2"];

    private static readonly SemaphoreSlim Planted = new(1, 1);

    private async Task PlantPayloadsAsync()
    {
        await Planted.WaitAsync();
        try
        {
            if (await world.App.DbAsync(db => db.Trainees.AnyAsync(t => t.LastName == "=HYPERLINK(\"http://evil.example\",\"x\")"))) return;
            var trainees = await world.App.DbAsync(async db =>
            {
                var list = Payloads.Select(p => new Trainee
                {
                    Title = "นาย",
                    FirstName = p,
                    LastName = p,
                    NationalId = TrainingData.NewNationalId(),
                    Province = p,
                    Community = p,
                    CreatedAt = DateTime.UtcNow,
                }).ToList();
                db.Trainees.AddRange(list);
                await db.SaveChangesAsync();
                return list;
            });
            await world.App.DbAsync(async db =>
            {
                db.Enrollments.AddRange(trainees.Select(t => new Enrollment { CohortId = world.A.Cohort, TraineeId = t.Id, Status = EnrollmentStatus.Enrolled, CreatedAt = DateTime.UtcNow }));
                return await db.SaveChangesAsync();
            });
            foreach (var p in Payloads)
            {
                var id = await world.App.CreateCommunityAsyncFor(p);
                await world.App.DbAsync(db => db.Communities.Where(c => c.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.Category, CommunityCategory.C).SetProperty(c => c.ContactName, p).SetProperty(c => c.ContactPhone, p)));
            }
        }
        finally { Planted.Release(); }
    }

    [Theory]
    [MemberData(nameof(ExportNames))]
    public async Task Every_export_neutralises_cells_that_a_spreadsheet_would_run_as_formulas(string name)
    {
        await PlantPayloadsAsync();
        var url = Exports.Single(e => e.Name == name).Url(world);
        var staff = await world.BrowserAsync(Who.Staff);
        var response = await staff.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        List<string> cells = bytes.AsSpan().StartsWith("PK"u8)
            ? SpreadsheetReader.Read(bytes).Rows.SelectMany(r => r.Cells).ToList()
            : SpreadsheetReader.ParseCsv(SpreadsheetReader.Decode(bytes)).Skip(1).SelectMany(r => r.Fields).ToList();
        foreach (var p in Payloads.Select(p => p.Trim()))
            cells.ShouldContain(c => c.Contains(p, StringComparison.Ordinal), $"{name} holds the planted text {p}");
        var dangerous = cells.Where(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r').ToList();
        dangerous.ShouldBeEmpty($"{name}: cells a spreadsheet would run as formulas");
    }
}

internal static class FileTestData
{
    public static Task<long> CreateCommunityAsyncFor(this PartnerPrograms.Tests.Shared.PortalFactory app, string name) =>
        Communities.CommunityFixture.CreateCommunityAsync(app, name, Communities.CommunityFixture.ChiangKhan);
}
