using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// Every page that takes a password masks it: the field the browser actually builds has type "password" (what a
/// person sees as dots), and tells password managers whether it wants the current or a new password.
/// </summary>
public class PasswordFieldBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>One field as "name type autocomplete".</summary>
    private static string Field(string name, string type, string autocomplete) => $"{name} {type} {autocomplete}";

    private async Task<string> LinkAsync(string email, bool invite)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
        return $"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}" + (invite ? "&invite=true" : "");
    }

    /// <summary>Every input on the page that is for a password (by its name or label), as the browser built it.</summary>
    private static Task<string[]> PasswordFieldsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('main input')]
            .filter(i => /password|confirm/i.test(i.name) || /รหัสผ่าน|password/i.test(document.querySelector(`label[for="${i.id}"]`)?.textContent ?? ''))
            .map(i => `${i.name} ${i.type} ${i.autocomplete}`)
        """);

    [Fact]
    public async Task Sign_in_reset_and_invitation_pages_mask_every_password_field()
    {
        var pages = new (string Name, string Url, string[] Expected)[]
        {
            ("sign-in", "/Account/Login", [Field("Input.Password", "password", "current-password")]),
            ("reset", await LinkAsync("staff@demo.local", invite: false), [Field("Password", "password", "new-password"), Field("Confirm", "password", "new-password")]),
            ("invitation", await LinkAsync("partner.gsb@demo.local", invite: true), [Field("Password", "password", "new-password"), Field("Confirm", "password", "new-password")]),
        };
        var page = await fixture.NewPageAsync(390, 844);
        try
        {
            foreach (var (name, url, expected) in pages)
            {
                await page.GotoAsync(url);
                var fields = await PasswordFieldsAsync(page);
                fields.ShouldBe(expected, $"the password fields of the {name} page");
                await page.FillAsync($"input[name='{expected[0].Split(' ')[0]}']", "Secret-typed-2568"); // the screenshot shows dots
                await BrowserFixture.ScreenshotAsync(page, "password-field-" + name);
            }
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-password-fields");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }
}
