using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;

namespace PartnerPrograms.Browser.Tests;

public class CertificateBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_participant_downloads_their_certificate_whose_QR_leads_to_the_verification_page_showing_valid_then_revoked()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "participant@demo.local");
            await page.GotoAsync("/Certificates/My");
            var card = page.Locator("[data-testid=my-certificate]");
            (await card.CountAsync()).ShouldBe(1);
            await BrowserFixture.ScreenshotAsync(page, "certificates-my");

            var download = await page.RunAndWaitForDownloadAsync(() => card.Locator("[data-testid=download]").ClickAsync());
            var path = Path.Combine(Tools.ArtifactsDirectory(), "certificate-participant.pdf");
            await download.SaveAsAsync(path);
            download.SuggestedFilename.ShouldEndWith(".pdf");
            download.SuggestedFilename.ShouldStartWith("นางสาวญาณี ปิ่นแก้วฟ้า ");
            var pdf = await File.ReadAllBytesAsync(path);

            var stored = await fixture.App.DbAsync(db => db.Certificates.AsNoTracking().IgnoreQueryFilters()
                .SingleAsync(c => c.HolderName == "นางสาวญาณี ปิ่นแก้วฟ้า" && c.Status == CertificateStatus.Valid));
            pdf.ShouldBe(stored.Pdf);
            (await Tools.PdfTextAsync(pdf)).ShouldContainText("นางสาวญาณี ปิ่นแก้วฟ้า");

            var png = (await Tools.PdfToPngAsync(pdf, "certificate-participant", dpi: 110)).Single();
            var decoded = (await Tools.DecodeQrAsync(png)).ShouldHaveSingleItem();
            var publicBase = fixture.App.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicBaseUrl.TrimEnd('/');
            decoded.ShouldBe($"{publicBase}/verify/{stored.Code.Replace("-", "")}");

            // Open what the phone would open (the same path on this test server), signed out.
            var visitor = await fixture.NewPageAsync(390, 844);
            try
            {
                await visitor.GotoAsync(new Uri(decoded).PathAndQuery);
                (await visitor.Locator("[data-testid=verify-result]").GetAttributeAsync("data-status")).ShouldBe("valid");
                (await visitor.Locator("[data-testid=verify-status]").InnerTextAsync()).ShouldContain("วุฒิบัตรนี้ใช้ได้");
                (await visitor.Locator("[data-testid=holder]").InnerTextAsync()).Trim().ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");
                await BrowserFixture.ScreenshotAsync(visitor, "certificates-verify-valid-phone");

                await fixture.App.InScopeAsync(sp => sp.GetRequiredService<CertificateRevisions>().RevokeAsync(stored.Code, "ทดสอบการเพิกถอน"));
                await visitor.ReloadAsync();
                (await visitor.Locator("[data-testid=verify-result]").GetAttributeAsync("data-status")).ShouldBe("revoked");
                (await visitor.ContentAsync()).ShouldNotContain("ทดสอบการเพิกถอน");
                await BrowserFixture.ScreenshotAsync(visitor, "certificates-verify-revoked-phone");

                await visitor.GotoAsync("/verify");
                await visitor.FillAsync("#code", "zzzz zzzz zz");
                await visitor.ClickAsync("[data-testid=verify-form] button[type=submit]");
                (await visitor.Locator("[data-testid=verify-not-found]").CountAsync()).ShouldBe(1);
            }
            finally { await visitor.Context.CloseAsync(); }
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-certificates-participant");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Staff_see_the_closed_demo_cohort_with_its_certificates_and_the_ZIP_after_issuing()
    {
        var cohortId = await fixture.App.DbAsync(db => db.Cohorts.Where(c => c.Status == Domain.Training.CohortStatus.Completed).Select(c => c.Id).FirstAsync());
        // the job's work, as the scheduler is off in tests
        await fixture.App.InScopeAsync(async sp =>
        {
            var issuer = sp.GetRequiredService<CertificateIssuer>();
            var (batch, _) = await issuer.CreateBatchAsync(cohortId, null);
            await issuer.RunBatchAsync(batch.Id);
        });
        var page = await fixture.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "staff@demo.local");
            await page.GotoAsync($"/Certificates/Cohort?id={cohortId}");
            (await page.Locator("[data-testid=batch]").GetAttributeAsync("data-status")).ShouldBe("Done");
            (await page.Locator("[data-testid=zip]").CountAsync()).ShouldBe(1);
            (await page.Locator("[data-testid=reason]").CountAsync()).ShouldBeGreaterThan(0);
            await BrowserFixture.ScreenshotAsync(page, "certificates-cohort-staff");
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=zip]").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".zip");
        }
        catch
        {
            await BrowserFixture.ScreenshotAsync(page, "FAILED-certificates-cohort-staff");
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }
}
