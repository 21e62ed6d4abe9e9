using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// Form errors as an officer sees them (issue 18): on the cohort page a mistyped national ID is said under the enrol
/// box, which keeps the number, on a laptop and on a phone.
/// </summary>
public class FormErrorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_mistyped_national_ID_is_said_under_the_enrol_box_which_keeps_it(int width)
    {
        var cohortId = await fixture.App.DbAsync(db => db.Cohorts
            .Where(c => c.Status == CohortStatus.Open || c.Status == CohortStatus.Planned)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await fixture.NewPageAsync(width, 860);
        await fixture.SignInAsync(page, "staff@demo.local");
        await page.GotoAsync($"/Training/Cohorts/Details?id={cohortId}");
        await page.FillAsync("#EnrollNationalId", "1-2345-67890-12-3");
        await page.ClickAsync("[data-testid=enroll-form] button[type=submit]");
        await page.WaitForSelectorAsync("#EnrollNationalId-error:not(:empty)");
        (await page.InputValueAsync("#EnrollNationalId")).ShouldBe("1-2345-67890-12-3");
        var error = page.Locator("#EnrollNationalId-error");
        (await error.InnerTextAsync()).ShouldContain("หลักตรวจสอบ");
        (await error.IsVisibleAsync()).ShouldBeTrue();
        var box = (await page.Locator("#EnrollNationalId").BoundingBoxAsync())!;
        var said = (await error.BoundingBoxAsync())!;
        said.Y.ShouldBeGreaterThan(box.Y + box.Height - 1); // under the box, not above the form or in a flash
        (said.Y - (box.Y + box.Height)).ShouldBeLessThan(40);
        await page.Locator("[data-testid=enroll-form]").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, $"forms18-enrol-{width}");

        await page.GotoAsync("/Mous/Edit");
        await page.FillAsync("#Input_Code", "MOU 2569!");
        await page.FillAsync("#Input_Title", "ความร่วมมือพัฒนาอาชีพ");
        await page.Locator("#Input_StartDate").PressSequentiallyAsync("01/01/2569");
        await page.Locator("#Input_EndDate").PressSequentiallyAsync("31/12/2568");
        await page.ClickAsync("#mou-form button[type=submit]");
        await page.WaitForSelectorAsync("#Input_Code-error:not(:empty)");
        (await page.InputValueAsync("#Input_Title")).ShouldBe("ความร่วมมือพัฒนาอาชีพ");
        await BrowserFixture.ScreenshotAsync(page, $"forms18-mou-{width}");
        await page.Context.CloseAsync();
    }
}
