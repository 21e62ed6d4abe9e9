using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// The portal's date field in a real browser (issue 18): a พ.ศ. date typed with the keyboard is saved as that day and
/// shown back the same way; the calendar shows Thai months and Buddhist-era years and works with the keyboard.
/// </summary>
public class DateFieldBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewCohortFormAsync(int width)
    {
        var courseId = await fixture.App.DbAsync(db => db.Courses.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await fixture.NewPageAsync(width, 860);
        await fixture.SignInAsync(page, "staff@demo.local");
        await page.GotoAsync($"/Training/Cohorts/Edit?courseId={courseId}");
        return page;
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory("/tmp/shots");
        var path = $"/tmp/shots/dates18-{name}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, "dates18-" + name);
    }

    [Fact]
    public async Task A_buddhist_era_date_typed_into_the_cohort_form_is_saved_as_that_day_and_shown_back()
    {
        var page = await NewCohortFormAsync(1280);
        try
        {
            await page.FillAsync("#Input_Name", "รุ่นทดสอบวันที่ 1/2564");
            (await page.GetAttributeAsync("#Input_StartDate", "type")).ShouldBe("text");
            (await page.GetAttributeAsync("#Input_StartDate", "placeholder")).ShouldBe("วว/ดด/ปปปป (พ.ศ.)");
            await page.Locator("#Input_StartDate").PressSequentiallyAsync("05/06/2564");
            await page.Locator("#Input_EndDate").PressSequentiallyAsync("๒๖-๐๖-๒๕๖๔");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Edit", StringComparison.Ordinal));
            var cohort = await fixture.App.DbAsync(db =>
                db.Cohorts.SingleAsync(c => c.Name == "รุ่นทดสอบวันที่ 1/2564"));
            (cohort.StartDate, cohort.EndDate).ShouldBe((new DateOnly(2021, 6, 5), new DateOnly(2021, 6, 26)));
            await page.GotoAsync($"/Training/Cohorts/Edit?id={cohort.Id}");
            (await page.InputValueAsync("#Input_StartDate")).ShouldBe("05/06/2564");
            (await page.InputValueAsync("#Input_EndDate")).ShouldBe("26/06/2564");
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-dates18-typed");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_calendar_shows_thai_months_and_picks_a_day_with_the_keyboard_or_the_mouse(int width)
    {
        var page = await NewCohortFormAsync(width);
        try
        {
            await page.FillAsync("#Input_EndDate", "10/07/2564");
            var opener = page.Locator(".pp-date:has(#Input_EndDate) .pp-date-open");
            (await opener.GetAttributeAsync("aria-label")).ShouldBe("เลือกวันที่จากปฏิทิน");
            await opener.ClickAsync();
            var calendar = page.GetByRole(AriaRole.Dialog, new() { Name = "เลือกวันที่จากปฏิทิน" });
            (await calendar.Locator(".pp-cal-title").InnerTextAsync()).ShouldBe("กรกฎาคม 2564");
            (await page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"))
                .ShouldBe("10 กรกฎาคม 2564");
            await ShotAsync(page, $"calendar-{width}");
            // The calendar fits the screen.
            var box = (await calendar.BoundingBoxAsync())!;
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(width);

            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            (await page.InputValueAsync("#Input_EndDate")).ShouldBe("19/07/2564");
            (await calendar.CountAsync()).ShouldBe(0);

            await opener.ClickAsync();
            await page.Keyboard.PressAsync("PageDown");
            (await calendar.Locator(".pp-cal-title").InnerTextAsync()).ShouldBe("สิงหาคม 2564");
            await page.Keyboard.PressAsync("Escape");
            (await calendar.CountAsync()).ShouldBe(0);
            (await page.EvaluateAsync<bool>("document.activeElement.classList.contains('pp-date-open')"))
                .ShouldBeTrue();
            (await page.InputValueAsync("#Input_EndDate")).ShouldBe("19/07/2564");

            await opener.ClickAsync();
            await calendar.GetByRole(AriaRole.Button, new() { Name = "เดือนถัดไป" }).ClickAsync();
            await calendar.GetByRole(AriaRole.Button, new() { Name = "25 สิงหาคม 2564", Exact = true }).ClickAsync();
            (await page.InputValueAsync("#Input_EndDate")).ShouldBe("25/08/2564");
            await ShotAsync(page, $"picked-{width}");
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, $"FAILED-dates18-calendar-{width}");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    /// <summary>In English the same field is dd/mm/yyyy in the Gregorian year, and its calendar English.</summary>
    [Fact]
    public async Task In_english_the_field_takes_a_gregorian_date_and_the_calendar_shows_english_months()
    {
        var page = await NewCohortFormAsync(1280);
        try
        {
            await page.ClickAsync("[data-testid=language-switch]");
            await page.WaitForSelectorAsync("html[lang=en]");
            (await page.GetAttributeAsync("#Input_StartDate", "placeholder")).ShouldBe("dd/mm/yyyy");
            await page.FillAsync("#Input_Name", "Date field in English 1/2021");
            await page.Locator("#Input_StartDate").PressSequentiallyAsync("05/06/2021");
            await page.FillAsync("#Input_EndDate", "10/07/2021");
            await page.ClickAsync(".pp-date:has(#Input_EndDate) .pp-date-open");
            var calendar = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a date" });
            (await calendar.Locator(".pp-cal-title").InnerTextAsync()).ShouldBe("July 2021");
            (await page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"))
                .ShouldBe("10 July 2021");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("Enter");
            (await page.InputValueAsync("#Input_EndDate")).ShouldBe("11/07/2021");
            await ShotAsync(page, "english-1280");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Edit", StringComparison.Ordinal));
            var cohort = await fixture.App.DbAsync(db =>
                db.Cohorts.SingleAsync(c => c.Name == "Date field in English 1/2021"));
            (cohort.StartDate, cohort.EndDate).ShouldBe((new DateOnly(2021, 6, 5), new DateOnly(2021, 7, 11)));
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-dates18-english");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }
}
