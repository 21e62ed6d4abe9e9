using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Browser.Tests;

/// <summary>
/// What a user could get wrong without noticing, in a real browser on a phone: the attendance register's live count
/// and "mark the rest present", a session still ahead, and signing an MOU only after saying yes.
/// </summary>
public class DataSafetyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Squash(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private async Task<long> SessionAsync(int daysFromToday) => await fixture.App.DbAsync(async db =>
    {
        // The demo's running cohort, with a session of its own: yesterday (held, nobody marked) or a month ahead.
        var cohort = await db.Cohorts.Where(c => c.Name == "รุ่นที่ 2/2564").Select(c => c.Id).SingleAsync();
        var session = new TrainingSession
        {
            CohortId = cohort,
            Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday),
            StartTime = new TimeOnly(9, 0),
            EndTime = new TimeOnly(12, 0),
            Topic = daysFromToday < 0 ? "ทบทวนการไลฟ์สด" : "ไลฟ์สดจริงกับลูกค้า",
        };
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    });

    private static async Task<string> TallyAsync(IPage page) =>
        Squash(await page.Locator("[data-testid=attendance-tally]").InnerTextAsync());

    [Fact]
    public async Task The_register_counts_live_and_marks_only_the_rest_present()
    {
        var session = await SessionAsync(-1);
        var page = await fixture.NewPageAsync(390, 844);
        try
        {
            await fixture.SignInAsync(page, "staff@demo.local");
            await page.GotoAsync($"/Training/Sessions/Attendance?id={session}");
            var rows = await page.Locator("[data-enrollment]").CountAsync();
            (await TallyAsync(page)).ShouldBe($"0 มา · 0 สาย · 0 ลา · 0 ขาด · {rows} ยังไม่ระบุ");
            var first = await page.Locator("[data-enrollment]").First.GetAttributeAsync("data-enrollment");
            await page.Locator($"label[for=m{first}Late]").ClickAsync();
            (await TallyAsync(page)).ShouldBe($"0 มา · 1 สาย · 0 ลา · 0 ขาด · {rows - 1} ยังไม่ระบุ");
            await page.Locator("button[data-mark-rest]").ClickAsync();
            (await TallyAsync(page)).ShouldBe($"{rows - 1} มา · 1 สาย · 0 ลา · 0 ขาด · 0 ยังไม่ระบุ");
            (await page.Locator($"#m{first}Late").IsCheckedAsync()).ShouldBeTrue("a mark already made is kept");
            await BrowserFixture.ScreenshotAsync(page, "data18-register-past-390");
            // The save bar stays on top of the rows it floats over (chosen buttons were drawn over it).
            (await page.EvaluateAsync<bool>("""
                () => { const b = document.querySelector('.pp-sticky-save button').getBoundingClientRect();
                        const hit = document.elementFromPoint(b.left + 30, b.top + b.height / 2);
                        return !!hit && !!hit.closest('.pp-sticky-save'); }
                """)).ShouldBeTrue("the save button is covered by the register's buttons");

            await page.Locator("form[data-testid=attendance-form] button[type=submit]").ClickAsync();
            Squash(await page.Locator("[data-testid=flash]").InnerTextAsync())
                .ShouldBe($"บันทึกการเข้าอบรมแล้ว: {rows - 1} มา · 1 สาย · 0 ลา · 0 ขาด · 0 ยังไม่ระบุ");
            (await fixture.App.DbAsync(db => db.Set<AttendanceRecord>().CountAsync(a => a.SessionId == session)))
                .ShouldBe(rows);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task A_session_still_ahead_offers_only_excused()
    {
        var session = await SessionAsync(30);
        var page = await fixture.NewPageAsync(390, 844);
        try
        {
            await fixture.SignInAsync(page, "staff@demo.local");
            await page.GotoAsync($"/Training/Sessions/Attendance?id={session}");
            (await page.Locator("[data-testid=not-started]").InnerTextAsync())
                .ShouldContain("ก่อนเริ่มบันทึกได้เฉพาะ “ลา”");
            (await page.Locator("button[data-mark-rest]").CountAsync()).ShouldBe(0);
            var first = await page.Locator("[data-enrollment]").First.GetAttributeAsync("data-enrollment");
            (await page.Locator($"#m{first}Present").IsDisabledAsync()).ShouldBeTrue();
            await page.Locator($"label[for=m{first}Excused]").ClickAsync();
            (await TallyAsync(page)).ShouldStartWith("0 มา · 0 สาย · 1 ลา · 0 ขาด");
            await BrowserFixture.ScreenshotAsync(page, "data18-register-future-390");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Signing_an_MOU_asks_first_and_saying_no_changes_nothing()
    {
        var mou = await fixture.App.DbAsync(db =>
            db.Mous.Where(m => m.Code == "MOU-2564-003").Select(m => m.Id).SingleAsync());
        var page = await fixture.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "staff@demo.local");
            await page.GotoAsync($"/Mous/Details?id={mou}");
            var asked = new TaskCompletionSource<string>();
            var answer = false;
            page.Dialog += async (_, dialog) =>
            {
                if (answer) await dialog.AcceptAsync(); else await dialog.DismissAsync();
                asked.TrySetResult(dialog.Message);
            };
            await page.Locator("#transition-Activate button[type=submit]").ClickAsync();
            (await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)))
                .ShouldBe("ยืนยันการบันทึกว่าลงนามแล้ว? บันทึกข้อตกลงจะมีผลใช้บังคับและแก้ไขไม่ได้อีก");
            (await fixture.App.DbAsync(db => db.Mous.Where(m => m.Id == mou).Select(m => m.Status).SingleAsync()))
                .ShouldBe(MouStatus.Draft, "saying no leaves the draft as it was");

            answer = true;
            await page.Locator("#transition-Activate button[type=submit]").ClickAsync();
            await page.Locator("[data-testid=mou-status]").Filter(new() { HasText = "มีผลใช้บังคับ" }).WaitForAsync();
            (await fixture.App.DbAsync(db => db.Mous.Where(m => m.Id == mou).Select(m => m.Status).SingleAsync()))
                .ShouldBe(MouStatus.Active);
        }
        finally { await page.Context.CloseAsync(); }
    }
}
