using Microsoft.Playwright;

namespace PartnerPrograms.Browser.Tests;

public class ShellBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, string[], string[]> Roles => new()
    {
        { "admin@demo.local", "ผู้ดูแลระบบ", ["หน้าหลัก", "การอบรม", "ดูแลระบบ"], [] },
        { "staff@demo.local", "เจ้าหน้าที่มูลนิธิ", ["หน้าหลัก"], ["ผู้ใช้", "งานเบื้องหลัง"] },
        { "partner.gsb@demo.local", "หน่วยงานภาคี", ["หน้าหลัก"], ["ผู้ใช้", "งานเบื้องหลัง"] },
        { "partner.cdd@demo.local", "หน่วยงานภาคี", ["หน้าหลัก"], ["ผู้ใช้", "งานเบื้องหลัง"] },
        { "participant@demo.local", "ผู้เข้าอบรม", ["หน้าหลัก"], ["ผู้ใช้", "งานเบื้องหลัง"] },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_demo_role_signs_in_and_sees_its_navigation(string email, string roleName, string[] shown, string[] hidden)
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, email);
            (await page.Locator("[data-testid=role-badge]").InnerTextAsync()).Trim().ShouldBe(roleName);
            var nav = await page.Locator("[data-testid=main-nav]").InnerTextAsync();
            foreach (var item in shown) nav.ShouldContain(item);
            foreach (var item in hidden) nav.ShouldNotContain(item);
            // The Thai web font is the one in use, served by the app itself.
            (await page.EvaluateAsync<bool>("document.fonts.check('16px Sarabun', 'ก')")).ShouldBeTrue();
            await BrowserFixture.ScreenshotAsync(page, "shell-" + email.Split('@')[0]);
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-shell-" + email.Split('@')[0]);
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    /// <summary>
    /// The admin sees the most links (thirteen once, 1,532 px wide): the bar must fit a 1280 px laptop with the language
    /// switch and the user block on screen, the administration links one click away, and fold into the menu on a phone.
    /// </summary>
    [Fact]
    public async Task The_admins_navigation_fits_a_laptop_and_a_phone()
    {
        var page = await fixture.NewPageAsync(1280, 800);
        try
        {
            await fixture.SignInAsync(page, "admin@demo.local");
            await ShouldFitOneBarAsync(page);
            await page.Locator("[data-testid=user-menu]").ClickAsync();
            (await page.Locator("[data-testid=profile-link]").InnerTextAsync()).ShouldContain("ผู้ดูแลระบบ");
            (await page.GetByRole(AriaRole.Button, new() { Name = "ออกจากระบบ" }).IsVisibleAsync()).ShouldBeTrue();
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "ดูแลระบบ", Exact = true }).ClickAsync();
            foreach (var link in new[] { "ผู้ใช้", "งานเบื้องหลัง", "อีเมลขาออก" })
                (await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).IsVisibleAsync()).ShouldBeTrue(link);
            await BrowserFixture.ScreenshotAsync(page, "nav-admin-1280");
            // English labels are longer ("Training programmes", "Administration"): still one bar.
            await page.ClickAsync("[data-testid=language-switch]");
            await page.WaitForSelectorAsync("html[lang=en]");
            await ShouldFitOneBarAsync(page);
            await BrowserFixture.ScreenshotAsync(page, "nav-admin-1280-en");
            await page.ClickAsync("[data-testid=language-switch]");
            await page.WaitForSelectorAsync("html[lang=th]");

            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/");
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
            await page.Locator(".navbar-toggler").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "การอบรม" }).ClickAsync();
            (await page.GetByRole(AriaRole.Link, new() { Name = "ผู้เข้าอบรม", Exact = true }).IsVisibleAsync()).ShouldBeTrue();
            await BrowserFixture.ScreenshotAsync(page, "nav-admin-390");
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-nav-admin");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task The_language_switch_turns_the_page_English_and_back()
    {
        var page = await fixture.NewPageAsync(390, 844);
        try
        {
            await page.GotoAsync("/Account/Login");
            (await page.Locator("main h1").InnerTextAsync()).ShouldBe("เข้าสู่ระบบ");
            await BrowserFixture.ScreenshotAsync(page, "login-phone-th");
            // The switch posts a form and reloads the page: wait for the new heading rather than read the old one.
            await page.Locator("button.navbar-toggler").ClickAsync();
            await page.ClickAsync("[data-testid=language-switch]");
            await page.Locator("main h1", new() { HasText = "Sign in" }).WaitForAsync(new() { Timeout = 10_000 });
            await page.Locator("button.navbar-toggler").ClickAsync();
            await page.ClickAsync("[data-testid=language-switch]");
            await page.Locator("main h1", new() { HasText = "เข้าสู่ระบบ" }).WaitForAsync(new() { Timeout = 10_000 });
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("th");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task No_script_errors_and_no_request_leaves_the_portal()
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        var foreign = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.Request += (_, r) => { if (!r.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(r.Url); };
        try
        {
            await fixture.SignInAsync(page, "admin@demo.local");
            await page.GotoAsync("/Jobs");
            await page.GotoAsync("/Admin/Users");
            await BrowserFixture.ScreenshotAsync(page, "admin-users");
            errors.ShouldBeEmpty();
            foreign.ShouldBeEmpty();
        }
        finally { await page.Context.CloseAsync(); }
    }

    /// <summary>The bar is one line on a 1280 px laptop: nothing wider than the screen, nothing wrapped below it.</summary>
    private static async Task ShouldFitOneBarAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "[document.querySelector('header nav').scrollWidth, document.documentElement.scrollWidth]");
        widths.ShouldAllBe(w => w <= 1280);
        (await page.Locator("header nav").BoundingBoxAsync())!.Height.ShouldBeLessThan(80);
        foreach (var selector in new[] { "[data-testid=language-switch]", "[data-testid=user-menu]" })
        {
            var box = (await page.Locator(selector).BoundingBoxAsync())!;
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(1280);
            box.Y.ShouldBeLessThan(40); // on the bar, not wrapped below it
        }
    }
}
