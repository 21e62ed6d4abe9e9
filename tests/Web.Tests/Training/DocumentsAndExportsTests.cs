using System.Diagnostics;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

public class DocumentsAndExportsTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(Cohort Cohort, List<long> Sessions, List<Trainee> People)> CohortWithRosterAsync(int people, string? community = null)
    {
        var course = await _app.CourseAsync("การตัดต่อคลิปโฆษณาสินค้าด้วยโทรศัพท์มือถือ");
        var cohort = await _app.CohortAsync(course.Id, capacity: 500, sessions: 3);
        var trainees = await _app.TraineesAsync(people, community);
        await _app.DbAsync(async db =>
        {
            db.Enrollments.AddRange(trainees.Select(t => new Enrollment { CohortId = cohort.Id, TraineeId = t.Id, Status = EnrollmentStatus.Enrolled, CreatedAt = DateTime.UtcNow }));
            return await db.SaveChangesAsync();
        });
        var sessions = await _app.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == cohort.Id).OrderBy(s => s.Date).Select(s => s.Id).ToListAsync());
        return (cohort, sessions, trainees);
    }

    [Fact]
    public async Task The_sign_in_sheet_of_a_120_person_session_is_Thai_and_repeats_its_header_on_every_page()
    {
        var (_, sessions, people) = await CohortWithRosterAsync(120);
        var response = await _staff.GetAsync($"/Training/Sessions/Attendance?id={sessions[0]}&handler=SignInSheet");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var dir = Directory.CreateTempSubdirectory("pp-signin-").FullName;
        var file = Path.Combine(dir, "sheet.pdf");
        await File.WriteAllBytesAsync(file, pdf);

        var info = Run("pdfinfo", file);
        var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        pages.ShouldBeInRange(4, 8, info);

        var text = Run("pdftotext", "-layout", file, "-");
        text.ShouldContain("ใบลงทะเบียน");
        text.ShouldContain("การตัดต่อคลิปโฆษณาสินค้าด้วยโทรศัพท์มือถือ");
        text.ShouldContain("2564"); // 1 June 2021 in the Buddhist era
        text.ShouldContain("นายสมชาย001 ใจดีมาก");
        text.ShouldContain("นางสมชาย120 ใจดีมาก");
        text.ShouldContain("จำนวนผู้เข้าอบรม 120 คน");
        text.ShouldNotContain(people[0].NationalId);
        // The column header is printed once per page.
        var perPage = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
        perPage.Count.ShouldBe(pages);
        perPage.ShouldAllBe(p => p.Contains("ลายมือชื่อ"));

        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", file, Path.Combine(dir, "page"));
        Directory.GetFiles(dir, "page*.png").Length.ShouldBe(2);
        File.Copy(Directory.GetFiles(dir, "page*.png").Order().First(), Path.Combine(Path.GetTempPath(), "pp-signin-sheet-page1.png"), overwrite: true);
    }

    [Fact]
    public async Task Roster_and_attendance_exports_round_trip_Thai_text_and_neutralise_formulas()
    {
        var (cohort, sessions, people) = await CohortWithRosterAsync(3, community: "=HYPERLINK(\"http://evil.example\",\"คลิก\")");
        await _app.DbAsync(async db =>
        {
            var t = await db.Trainees.SingleAsync(x => x.Id == people[1].Id);
            t.Community = "กลุ่มทอผ้าครามบ้านดอน, สกลนคร";
            t.Phone = "+66812345678";
            var enrollments = await db.Enrollments.Where(e => e.CohortId == cohort.Id).OrderBy(e => e.Id).ToListAsync();
            db.Attendance.Add(new AttendanceRecord { SessionId = sessions[0], EnrollmentId = enrollments[0].Id, Status = AttendanceStatus.Present, RecordedAt = DateTime.UtcNow });
            db.Attendance.Add(new AttendanceRecord { SessionId = sessions[1], EnrollmentId = enrollments[0].Id, Status = AttendanceStatus.Late, RecordedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var baseUrl = $"/Training/Cohorts/Details?id={cohort.Id}&handler=Export";

        var csvResponse = await _staff.GetAsync(baseUrl + "&kind=roster&format=csv");
        csvResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        csvResponse.Content.Headers.ContentDisposition!.FileName!.ShouldContain(".csv");
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        csvBytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM so Excel reads UTF-8");
        var csv = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3);
        var records = PartnerPrograms.Web.Infrastructure.SpreadsheetReader.ParseCsv(csv).Select(r => r.Fields).ToList();
        records[0].ShouldContain("เลขประจำตัวประชาชน");
        records.Count.ShouldBe(4);
        records.ShouldContain(r => r.Contains("สมชาย001") && r.Contains("'=HYPERLINK(\"http://evil.example\",\"คลิก\")"));
        records.ShouldContain(r => r.Contains("กลุ่มทอผ้าครามบ้านดอน, สกลนคร") && r.Contains("'+66812345678"));
        csv.ShouldNotContain(people[0].NationalId);

        var xlsx = await _staff.GetAsync(baseUrl + "&kind=roster&format=xlsx");
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        sheet[0].ShouldContain("ชื่อ");
        sheet.ShouldContain(r => r.Contains("สมชาย002") && r.Contains("กลุ่มทอผ้าครามบ้านดอน, สกลนคร"));
        sheet.ShouldContain(r => r.Contains("'=HYPERLINK(\"http://evil.example\",\"คลิก\")"));
        sheet.SelectMany(r => r).ShouldNotContain(c => c.StartsWith('=') || c.StartsWith('+'));

        var attendance = ReadXlsx(await (await _staff.GetAsync(baseUrl + "&kind=attendance&format=xlsx")).Content.ReadAsByteArrayAsync());
        attendance[0].Length.ShouldBe(3 + 3 + 1); // no., name, ID, three sessions, total
        var first = attendance.Single(r => r.Contains("นายสมชาย001 ใจดีมาก"));
        first[3].ShouldBe("มา");
        first[4].ShouldBe("สาย");
        first[6].ShouldBe("2");
        var attendanceCsv = Encoding.UTF8.GetString(await (await _staff.GetAsync(baseUrl + "&kind=attendance&format=csv")).Content.ReadAsByteArrayAsync());
        attendanceCsv.ShouldContain("นายสมชาย001 ใจดีมาก");
    }

    private static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes);
        using var doc = SpreadsheetDocument.Open(ms, false);
        var wb = doc.WorkbookPart!;
        var sheet = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return sheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.CellValue?.Text ?? "").ToArray()).ToList();
    }

    private static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, p.StandardError.ReadToEnd());
        return output;
    }
}
