using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Common;

namespace PartnerPrograms.Browser.Tests;

public class PdpaBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_sees_the_masked_ID_reveals_it_once_and_finds_the_personal_data_actions()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "admin@demo.local");
            var id = await fixture.App.DbAsync(db => db.Trainees.Where(t => t.FirstName == "ญาณี").Select(t => t.Id).FirstAsync());
            await page.GotoAsync($"/Trainees/Details?id={id}");
            var masked = await page.Locator("[data-testid=national-id]").InnerTextAsync();
            masked.ShouldMatch(@"^\d-\d{4}-xxxxx-xx-\d$");
            (await page.Locator("[data-testid=erase-form]").CountAsync()).ShouldBe(1);
            await BrowserFixture.ScreenshotAsync(page, "pdpa-trainee-masked");
            await page.Locator("[data-testid=reveal-form] button").ClickAsync();
            var full = await page.Locator("[data-testid=national-id-revealed]").InnerTextAsync();
            NationalId.Mask(NationalId.Normalize(full)).ShouldBe(masked);
            await BrowserFixture.ScreenshotAsync(page, "pdpa-trainee-revealed");
            (await fixture.App.DbAsync(db => db.PersonalDataAudit.CountAsync(a => a.TraineeId == id))).ShouldBe(1);
        }
        finally { await page.Context.CloseAsync(); }
    }
}
