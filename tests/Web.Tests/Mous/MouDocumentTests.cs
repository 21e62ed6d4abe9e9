using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Jobs.Mous;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Mous;

public class MouDocumentTests : MouWorld
{
    [Fact]
    public async Task The_agreement_pdf_holds_every_party_signatory_and_item_in_Thai()
    {
        await AddItemAsync(MouA, "การสร้างหมู่บ้านต้นแบบสัมมาชีพผ่านโครงการ โคก หนอง นา โมเดล");
        var gsb = await App.ApiClientAsync("gsb@example.org");
        var response = await gsb.GetAsync($"/api/v1/mous/{MouA}/agreement.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = NoSpace(await PopplerAsync("pdftotext", pdf, "-layout"));
        foreach (var expected in new[]
                 {
                     "บันทึกข้อตกลงความร่วมมือ", "มูลนิธิสัมมาชีพ", "กรมการพัฒนาชุมชน", "ธนาคารออมสิน",
                     "นายวีรยุทธศรีประเสริฐ", "นางสาวรัชนีกรบุญมาก", "นายกิตติศักดิ์วัฒนาผล",
                     "ยกร่างหลักสูตรการเงินชุมชน", "การสร้างหมู่บ้านต้นแบบสัมมาชีพผ่านโครงการโคกหนองนาโมเดล",
                     "ความร่วมมือพัฒนาหลักสูตรการเงินชุมชน", "พยาน", (Today.Year + 543 + 2).ToString().Replace("2", "๒").Replace("5", "๕").Replace("6", "๖").Replace("7", "๗").Replace("8", "๘").Replace("9", "๙").Replace("0", "๐").Replace("1", "๑").Replace("3", "๓").Replace("4", "๔"),
                 })
            text.ShouldContain(NoSpace(expected));
        PageCount(await PopplerAsync("pdfinfo", pdf)).ShouldBeInRange(1, 4);
        // The code as the system has it (not in Thai digits), counts in words rather than digits glued to words,
        // and item numbers in Thai like the rest of the clause numbers (๒.๑, ๒.๒ under clause ๒).
        text.ShouldContain("เลขที่MOU-2563-002");
        text.ShouldContain("ทั้งสามฝ่ายตกลงร่วมมือกัน");
        text.ShouldContain("ทำขึ้นเป็นสามฉบับ");
        text.ShouldContain("๒.๑ยกร่างหลักสูตรการเงินชุมชน");
        text.ShouldContain("๒.๒การสร้างหมู่บ้านต้นแบบ");
    }

    [Fact]
    public async Task A_30_action_MOU_prints_on_a_sane_number_of_pages()
    {
        for (var i = 0; i < 5; i++)
        {
            var item = await AddItemAsync(MouA, $"ประเด็นความร่วมมือที่ {i + 2} ว่าด้วยการพัฒนาศักยภาพวิสาหกิจชุมชนและองค์กรการเงินชุมชนในพื้นที่เป้าหมาย");
            for (var j = 0; j < 6; j++)
                await AddActionAsync(MouA, item, $"ภารกิจที่ {i + 2}.{j + 1} ประสานงานหน่วยงานในพื้นที่เพื่อคัดเลือกกลุ่มเป้าหมาย จัดเวทีประชาคม และรายงานผลการดำเนินงานต่อคณะทำงานร่วม", (j % 3) switch { 0 => Foundation, 1 => Cdd, _ => Gsb }, Today.AddDays(j * 10));
        }
        var pdf = await (await StaffApi.GetAsync($"/api/v1/mous/{MouA}/agreement.pdf")).Content.ReadAsByteArrayAsync();
        var pages = PageCount(await PopplerAsync("pdfinfo", pdf));
        pages.ShouldBeInRange(3, 10);
        var text = NoSpace(await PopplerAsync("pdftotext", pdf));
        text.ShouldContain(NoSpace("ภารกิจที่ 6.6").Replace("6", "๖"));
        var report = await StaffApi.GetAsync($"/api/v1/mous/{MouA}/progress.pdf");
        report.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageCount(await PopplerAsync("pdfinfo", await report.Content.ReadAsByteArrayAsync())).ShouldBeInRange(1, 8);
    }

    [Fact]
    public async Task The_expiry_job_expires_MOUs_whose_term_is_over_once()
    {
        await App.DbAsync(db => db.Mous.Where(m => m.Id == MouB).ExecuteUpdateAsync(u => u.SetProperty(m => m.EndDate, Today.AddDays(-1))));
        var first = await App.InScopeAsync(sp => sp.GetRequiredService<MouExpiry>().RunAsync());
        var second = await App.InScopeAsync(sp => sp.GetRequiredService<MouExpiry>().RunAsync());
        first.ShouldBe(1);
        second.ShouldBe(0);
        var statuses = await App.DbAsync(db => db.Mous.OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        statuses.ShouldBe([MouStatus.Active, MouStatus.Expired]);
        (await App.DbAsync(db => db.MouAuditEntries.CountAsync(a => a.MouId == MouB && a.Change.Contains("Expired")))).ShouldBe(1);
        // And it is scheduled: daily at 00:05 Bangkok time, calling MouExpiryJob.
        using var jobs = App.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var expiry = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(jobs).Single(j => j.Id == PartnerPrograms.Jobs.Scheduling.RecurringJobs.MouExpiry);
        expiry.Cron.ShouldBe("5 0 * * *");
        expiry.TimeZoneId.ShouldBe("Asia/Bangkok");
        expiry.Job.Type.ShouldBe(typeof(MouExpiryJob));
    }

    [Fact]
    public async Task Demo_data_gives_the_GSB_partner_the_curriculum_MOU_and_nothing_it_is_not_party_to()
    {
        await using var app = new PartnerPrograms.Tests.Shared.PortalFactory(await PartnerPrograms.Tests.Shared.TestDatabase.CreateAsync(),
            new Dictionary<string, string?> { ["Demo:Password"] = PartnerPrograms.Tests.Shared.PortalFactory.Password });
        await app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        await app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync()); // idempotent
        var codes = await app.DbAsync(db => db.Mous.Select(m => m.Code).ToListAsync());
        codes.Count.ShouldBe(6);
        var seed = await app.DbAsync(db => db.Mous.Include(m => m.Items).ThenInclude(i => i.Actions).SingleAsync(m => m.Code == "MOU-2563-001"));
        seed.Items.Count.ShouldBe(4);
        seed.Items.ShouldAllBe(i => i.Actions.Count > 0);
        seed.SigningDate.ShouldBe(new DateOnly(2020, 3, 2));

        var gsb = await app.ApiClientAsync("partner.gsb@demo.local");
        var visible = await gsb.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/mous");
        visible.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ShouldBe(["MOU-2563-002"]);
        var mine = await gsb.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/actions/mine");
        mine.GetArrayLength().ShouldBeGreaterThan(0);
        var page = await (await app.SignedInClientAsync("partner.gsb@demo.local")).GetDocumentAsync("/Mous");
        page.QuerySelectorAll("[data-testid=overdue-action]").Length.ShouldBeGreaterThan(0);
    }
}
