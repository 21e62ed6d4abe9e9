using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Communities;

public class CommunityImportTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.DbAsync(async db =>
        {
            db.Organizations.Add(new Organization { NameTh = "กรมการพัฒนาชุมชน", ShortName = "พช.", Kind = OrganizationKind.GovernmentDepartment });
            return await db.SaveChangesAsync();
        });
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        var doc = await client.GetDocumentAsync("/Communities/Import");
        var token = doc.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.PostAsync("/Communities/Import?handler=Upload", form);
    }

    [Fact]
    public async Task A_csv_is_previewed_with_row_errors_and_only_confirmed_rows_are_registered_once()
    {
        var csv = """
            name,village_no,sub_district,district,province,contact_name,partners,latitude,longitude
            บ้านแม่กำปอง,3,แม่วิน,แม่วาง,เชียงใหม่,มาลี ศรีสุข,พช.,18.8653,99.3506
            ,4,แม่วิน,แม่วาง,เชียงใหม่,,,,
            ชุมชนริมโขง,1,เชียงคาน,เชียงคาน,จังหวัดนครโขง,,,,
            ชุมชนอัมพวา,x,อัมพวา,อ.อัมพวา,สมุทรสงคราม,,ไม่มีหน่วยงานนี้,,
            "บ้านแม่กำปอง",3,ต.แม่วิน,แม่วาง,Chiang Mai,,,,
            ชุมชนตลาดน้ำ,2,อัมพวา,อัมพวา,Samut Songkhram,,,13.4,
            """;
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var upload = await UploadAsync(staff, Encoding.UTF8.GetBytes(csv), "communities.csv");
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var preview = upload.Headers.Location!.ToString();
        (await _app.DbAsync(db => db.Communities.CountAsync())).ShouldBe(0, "nothing is registered before confirmation");

        var doc = await staff.GetDocumentAsync(preview);
        string Errors(int row) => doc.QuerySelector($"[data-testid=import-preview] tr[data-row='{row}'] [data-testid=row-errors]")!.TextContent;
        Errors(2).ShouldBeEmpty();
        Errors(3).ShouldContain("ไม่มีชื่อชุมชน");
        Errors(4).ShouldContain("จังหวัด 'นครโขง' ไม่อยู่ในรายการทางการ");
        Errors(5).ShouldContain("หมู่ที่ 'x'");
        Errors(5).ShouldContain("ไม่พบหน่วยงานภาคี 'ไม่มีหน่วยงานนี้'");
        Errors(6).ShouldContain("ชุมชนนี้ซ้ำกันในไฟล์");
        Errors(7).ShouldContain("กรุณากรอกทั้งละติจูดและลองจิจูด");

        var confirm = await staff.SubmitFormAsync(preview, new Dictionary<string, string>());
        confirm.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var registered = await _app.DbAsync(db => db.Communities.Include(c => c.Partners).ToListAsync());
        registered.Count.ShouldBe(1);
        registered[0].Name.ShouldBe("บ้านแม่กำปอง");
        registered[0].SubDistrictId.ShouldBe(CommunityFixture.MaeWin);
        registered[0].Latitude.ShouldBe(18.8653m);
        registered[0].Partners.Count.ShouldBe(1);

        // A second confirmation (a double click, another tab) registers nothing more.
        var again = await staff.PostWithTokenAsync("/Communities/Import", preview.Replace("/Communities/Import?", "/Communities/Import?handler=Confirm&", StringComparison.Ordinal));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.DbAsync(db => db.Communities.CountAsync())).ShouldBe(1);

        // Importing the same file again reports the community as already registered.
        var second = await UploadAsync(staff, Encoding.UTF8.GetBytes(csv), "communities.csv");
        var doc2 = await staff.GetDocumentAsync(second.Headers.Location!.ToString());
        doc2.QuerySelector("[data-testid=import-preview] tr[data-row='2'] [data-testid=row-errors]")!.TextContent.ShouldContain("ชุมชนนี้ลงทะเบียนไว้แล้ว");
    }

    [Fact]
    public async Task An_xlsx_file_is_read_with_its_row_numbers_and_sub_district_codes()
    {
        var xlsx = Workbook(
            ["ชื่อชุมชน", "หมู่ที่", "รหัสตำบล", "ผู้ประสานงาน"],
            ["ชุมชนเชียงคาน", "1", CommunityFixture.ChiangKhan.ToString(), "ประยูร ริมโขง"],
            ["ชุมชนผิดรหัส", "2", "999999", ""]);
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var upload = await UploadAsync(staff, xlsx, "communities.xlsx");
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await staff.GetDocumentAsync(upload.Headers.Location!.ToString());
        doc.QuerySelector("tr[data-row='2'] [data-testid=row-errors]")!.TextContent.ShouldBeEmpty();
        doc.QuerySelector("tr[data-row='2']")!.TextContent.ShouldContain("เชียงคาน · เชียงคาน · เลย");
        doc.QuerySelector("tr[data-row='3'] [data-testid=row-errors]")!.TextContent.ShouldContain("รหัสตำบล '999999'");
        (await staff.SubmitFormAsync(upload.Headers.Location!.ToString(), new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c = await _app.DbAsync(db => db.Communities.SingleAsync());
        (c.Name, c.ContactName, c.ProvinceId).ShouldBe(("ชุมชนเชียงคาน", "ประยูร ริมโขง", 30));
    }

    [Fact]
    public async Task A_file_of_another_kind_or_without_a_name_column_is_refused()
    {
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var txt = await UploadAsync(staff, Encoding.UTF8.GetBytes("hello"), "notes.txt");
        txt.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await txt.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ไฟล์ไม่มีแถวข้อมูล"); // the type is read from the content: this is a one-line CSV
        var pdf = await UploadAsync(staff, "%PDF-1.7\n1 0 obj"u8.ToArray(), "communities.csv");
        PageDriver.Parse(await pdf.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ไม่ใช่ CSV หรือ Excel");
        var noName = await UploadAsync(staff, Encoding.UTF8.GetBytes("province,district\nเลย,เชียงคาน\n"), "x.csv");
        PageDriver.Parse(await noName.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("'name'");
        (await _app.DbAsync(db => db.CommunityImports.CountAsync())).ShouldBe(0);
    }

    private static byte[] Workbook(params string[][] rows)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                    row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(rows[r][c])) });
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "Communities" }));
        }
        return ms.ToArray();
    }
}
