using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Mous;

/// <summary>
/// A small world for the MOU tests: five organisations, staff and partner accounts, and two active MOUs made through
/// the API: A (foundation, CDD, GSB) with a GSB action overdue and a CDD action, B (foundation, BAAC) with a BAAC action.
/// </summary>
public abstract class MouWorld : IAsyncLifetime
{
    protected PortalFactory App = null!;
    protected long Foundation, Cdd, Gsb, Baac, Vfund;
    protected long MouA, MouB, ItemA, GsbAction, CddAction, BaacAction;
    protected HttpClient StaffApi = null!;
    protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public virtual async Task InitializeAsync()
    {
        App = await PortalFactory.CreateAsync();
        Foundation = (await App.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        Cdd = (await App.CreateOrganizationAsync("กรมการพัฒนาชุมชน")).Id;
        Gsb = (await App.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank)).Id;
        Baac = (await App.CreateOrganizationAsync("ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", OrganizationKind.Bank)).Id;
        Vfund = (await App.CreateOrganizationAsync("สำนักงานกองทุนหมู่บ้านและชุมชนเมืองแห่งชาติ", OrganizationKind.VillageFundOffice)).Id;
        await App.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        await App.CreateUserAsync("staff2@example.org", Roles.Staff, name: "มานะ ขยันยิ่ง");
        await App.CreateUserAsync("gsb@example.org", Roles.Partner, Gsb, name: "วิภา ออมดี");
        await App.CreateUserAsync("cdd@example.org", Roles.Partner, Cdd, name: "ประเสริฐ พัฒนา");
        await App.CreateUserAsync("baac@example.org", Roles.Partner, Baac, name: "ชาญ เกษตร");
        await App.CreateUserAsync("participant@example.org", Roles.Participant);
        StaffApi = await App.ApiClientAsync("staff@example.org");

        MouA = await CreateMouAsync("MOU-2563-002", "ความร่วมมือพัฒนาหลักสูตรการเงินชุมชน", (Foundation, "นายวีรยุทธ ศรีประเสริฐ"), (Cdd, "นางสาวรัชนีกร บุญมาก"), (Gsb, "นายกิตติศักดิ์ วัฒนาผล"));
        ItemA = await AddItemAsync(MouA, "ยกร่างหลักสูตรการเงินชุมชน");
        GsbAction = await AddActionAsync(MouA, ItemA, "จัดทำเนื้อหาการบริหารความเสี่ยง", Gsb, Today.AddDays(-5));
        CddAction = await AddActionAsync(MouA, ItemA, "ส่งข้อมูลโรงเรียนออมทรัพย์", Cdd, Today.AddDays(10));
        await ActivateAsync(MouA);
        MouB = await CreateMouAsync("MOU-2564-003", "ส่งเสริมสินเชื่อวิสาหกิจชุมชน", (Foundation, "นายวีรยุทธ ศรีประเสริฐ"), (Baac, "นายสุรเชษฐ์ นาคประเสริฐ"));
        var itemB = await AddItemAsync(MouB, "คัดเลือกวิสาหกิจชุมชน");
        BaacAction = await AddActionAsync(MouB, itemB, "จัดทำเกณฑ์คัดเลือก", Baac, Today.AddDays(-2));
        await ActivateAsync(MouB);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    protected async Task<long> CreateMouAsync(string code, string title, params (long Org, string Signatory)[] parties)
    {
        var response = await StaffApi.PostAsJsonAsync("/api/v1/mous", new
        {
            code,
            title,
            purpose = "เพื่อร่วมกันพัฒนาชุมชน",
            startDate = Today.AddMonths(-1),
            endDate = Today.AddYears(2),
            parties = parties.Select((p, i) => new { organizationId = p.Org, role = i == 0 ? "lead" : "partner", signatoryName = p.Signatory, signatoryPosition = "ผู้อำนวยการ" }),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    protected async Task<long> AddItemAsync(long mou, string title)
    {
        var response = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{mou}/items", new { title });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    protected async Task<long> AddActionAsync(long mou, long item, string title, long org, DateOnly? due)
    {
        var response = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{mou}/actions", new { itemId = item, title, responsibleOrganizationId = org, contactName = "ผู้ประสานงาน", dueDate = due });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    protected async Task ActivateAsync(long mou)
    {
        var response = await StaffApi.PostAsJsonAsync($"/api/v1/mous/{mou}/transitions", new { transition = "activate", signingDate = Today.AddMonths(-1) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs a poppler tool on a PDF and returns its standard output.</summary>
    protected static async Task<string> PopplerAsync(string tool, byte[] pdf, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pp-mou-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(path);
            if (tool == "pdftotext") psi.ArgumentList.Add("-");
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            return output;
        }
        finally { File.Delete(path); }
    }

    protected static int PageCount(string pdfinfo) =>
        int.Parse(pdfinfo.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    protected static string NoSpace(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '\u200b').ToArray());
}
