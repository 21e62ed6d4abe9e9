using Microsoft.Playwright;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// The portal with the keyboard only (WCAG 2.1.1, 2.4.1, 2.4.7): sign in, jump over the navigation, open a menu and
/// follow one of its links, with no mouse and the focus always visible.
/// </summary>
public class KeyboardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Staff_sign_in_skip_the_navigation_and_open_the_training_menu_with_the_keyboard_only()
    {
        var page = await fixture.NewPageAsync(1280, 860);
        try
        {
            await page.GotoAsync("/Account/Login");
            await TabToAsync(page, "document.activeElement.id === 'Input_Email'");
            await page.Keyboard.TypeAsync("staff@demo.local");
            await page.Keyboard.PressAsync("Tab");
            (await ActiveAsync(page, "document.activeElement.id")).ShouldBe("Input_Password");
            await page.Keyboard.TypeAsync(BrowserFixture.DemoPassword);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(fixture.BaseUrl + "/");

            // The first Tab offers the skip link, visible while focused; Enter puts the focus on the page itself.
            await page.Keyboard.PressAsync("Tab");
            var skip = page.Locator("[data-testid=skip-link]");
            (await ActiveAsync(page, "document.activeElement.dataset.testid")).ShouldBe("skip-link");
            (await skip.IsVisibleAsync()).ShouldBeTrue();
            (await skip.InnerTextAsync()).ShouldBe("ข้ามไปที่เนื้อหาของหน้า");
            await BrowserFixture.ScreenshotAsync(page, "keyboard-skip-link");
            await page.Keyboard.PressAsync("Enter");
            (await ActiveAsync(page, "document.activeElement.id")).ShouldBe("main");

            // The training menu: reached with Tab, opened with Enter, its first link followed with the arrow keys.
            await page.GotoAsync("/");
            await TabToAsync(page, "document.activeElement.textContent.trim() === 'การอบรม'");
            // Where the focus is can be seen: a focus ring (outline or Bootstrap's box shadow) on the button.
            (await page.EvaluateAsync<bool>("""
                () => { const s = getComputedStyle(document.activeElement);
                        return s.boxShadow !== 'none' || (s.outlineStyle !== 'none' && s.outlineWidth !== '0px'); }
                """)).ShouldBeTrue("the focused menu button shows no focus ring");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("ArrowDown");
            var first = await ActiveAsync(page, "document.activeElement.getAttribute('href')");
            first.ShouldStartWith("/Training");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(fixture.BaseUrl + first);
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-keyboard");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    private static Task<string> ActiveAsync(IPage page, string expression) =>
        page.EvaluateAsync<string>($"() => String({expression} ?? '')");

    /// <summary>Presses Tab until the condition holds, as a keyboard user would, failing after 40 presses.</summary>
    private static async Task TabToAsync(IPage page, string condition)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => !!({condition})")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new ShouldAssertException($"40 presses of Tab did not reach: {condition}");
    }
}
