using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

/// <summary>Invitation and password reset go through the outbox; with no SMTP host the sender writes .eml files.</summary>
public partial class MailFlowTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> DispatchAndReadSingleEmlAsync(string to)
    {
        await _app.InScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
        var files = Directory.GetFiles(_app.MailDirectory, "*.eml");
        var matching = files.Select(File.ReadAllText).Where(t => t.Contains(to, StringComparison.Ordinal)).ToList();
        matching.Count.ShouldBe(1);
        return matching[0];
    }

    private static string LinkFrom(string eml)
    {
        var link = LinkPattern().Match(DecodeEml(eml)).Value;
        link.ShouldNotBeNullOrEmpty();
        return link;
    }

    [Fact]
    public async Task An_admin_invites_a_partner_who_sets_a_password_and_signs_in_as_their_organisation()
    {
        var org = await _app.CreateOrganizationAsync("ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", PartnerPrograms.Domain.Organizations.OrganizationKind.Bank);
        await _app.CreateUserAsync("admin@example.org", Roles.Admin, name: "ผู้ดูแล");
        var admin = await _app.SignedInClientAsync("admin@example.org");
        var invite = await admin.SubmitFormAsync("/Admin/Users/Invite", new Dictionary<string, string>
        {
            ["Input.Email"] = "baac.officer@example.org",
            ["Input.DisplayName"] = "ปั้น ผู้ใหญ่ฟ้าลั่น",
            ["Input.Role"] = Roles.Partner,
            ["Input.OrganizationId"] = org.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        invite.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var eml = await DispatchAndReadSingleEmlAsync("baac.officer@example.org");
        var decoded = DecodeEml(eml);
        decoded.ShouldContain("ปั้น ผู้ใหญ่ฟ้าลั่น");
        decoded.ShouldContain("เชิญท่านเข้าใช้งาน");
        var link = new Uri(LinkFrom(eml));
        link.Host.ShouldBe("portal.test");

        var invitee = _app.CreateBrowserClient();
        var set = await invitee.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Password"] = "Kong-Tun-2563x",
            ["Confirm"] = "Kong-Tun-2563x",
        });
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await invitee.SignInAsync("baac.officer@example.org", "Kong-Tun-2563x")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The link works once.
        var again = await _app.CreateBrowserClient().SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Password"] = "Another-Pass-2563",
            ["Confirm"] = "Another-Pass-2563",
        });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("ลิงก์นี้ใช้ไม่ได้หรือหมดอายุแล้ว");
    }

    [Fact]
    public async Task A_partner_invitation_without_an_organisation_is_refused_with_a_Thai_message()
    {
        await _app.CreateUserAsync("admin@example.org", Roles.Admin);
        var admin = await _app.SignedInClientAsync("admin@example.org");
        var response = await admin.SubmitFormAsync("/Admin/Users/Invite", new Dictionary<string, string>
        {
            ["Input.Email"] = "lost@example.org",
            ["Input.DisplayName"] = "ไม่มีสังกัด",
            ["Input.Role"] = Roles.Partner,
            ["Input.OrganizationId"] = "",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ผู้ใช้หน่วยงานภาคีต้องสังกัดหน่วยงาน");
        (await _app.DbAsync(db => db.Users.AnyAsync(u => u.Email == "lost@example.org"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Forgot_password_sends_a_reset_link_and_the_same_answer_for_unknown_addresses()
    {
        await _app.CreateUserAsync("forgetful@example.org", Roles.Staff, name: "ญาณี ปิ่นแก้วฟ้า");
        var client = _app.CreateBrowserClient();
        var known = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "forgetful@example.org" });
        var unknown = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "ghost@example.org" });
        PageDriver.Parse(await known.Content.ReadAsStringAsync()).QuerySelector("[data-testid=reset-sent]")!.TextContent
            .ShouldBe(PageDriver.Parse(await unknown.Content.ReadAsStringAsync()).QuerySelector("[data-testid=reset-sent]")!.TextContent);
        (await _app.DbAsync(db => db.OutboxMessages.CountAsync())).ShouldBe(1);

        var eml = await DispatchAndReadSingleEmlAsync("forgetful@example.org");
        eml.ShouldContain("Subject: =?utf-8?", Case.Insensitive, "the Thai subject is encoded");
        var link = new Uri(LinkFrom(eml));
        (await _app.CreateBrowserClient().SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Password"] = "Brand-New-2563",
            ["Confirm"] = "Brand-New-2563",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.CreateBrowserClient().SignInAsync("forgetful@example.org", "Brand-New-2563")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _app.DbAsync(db => db.OutboxMessages.SingleAsync())).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Without_an_SMTP_host_each_message_is_its_own_eml_file_that_MimeKit_reads_back()
    {
        const string subject = "แจ้งเตือน: ภารกิจใกล้ครบกำหนด 3 รายการ";
        // A clock that does not move: both files are written "at the same moment".
        var now = new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
        await using var web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TestClock(now))));
        await _app.DbAsync(async db =>
        {
            for (var i = 0; i < 2; i++)
            {
                var message = new OutboxMessage { DedupeKey = "pickup:" + i, To = $"p{i}@example.org", Subject = subject, TextBody = "ภารกิจ", HtmlBody = "<p>ภารกิจ</p>", NextAttemptAt = now.UtcDateTime };
                message.Attachments.Add(new OutboxAttachment { FileName = "บันทึกข้อตกลง.pdf", ContentType = "application/pdf", Content = [37, 80, 68, 70] });
                await EmailOutbox.QueueAsync(db, message);
            }
            return await db.SaveChangesAsync();
        });
        await using (var scope = web.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None)).ShouldBe((2, 0));

        Directory.GetFiles(_app.MailDirectory, "*.tmp").ShouldBeEmpty();
        var files = Directory.GetFiles(_app.MailDirectory, "*.eml");
        files.Length.ShouldBe(2, "one file per message, no name shared");
        var read = new List<MimeKit.MimeMessage>();
        foreach (var file in files) read.Add(await MimeKit.MimeMessage.LoadAsync(file));
        read.ShouldAllBe(m => m.Subject == subject);
        read.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order().ShouldBe(["p0@example.org", "p1@example.org"]);
        read.Select(m => m.Attachments.Single().ContentDisposition?.FileName).ShouldAllBe(name => name == "บันทึกข้อตกลง.pdf");
        (await File.ReadAllTextAsync(files[0])).ShouldContain("Subject: =?utf-8?", Case.Insensitive);
    }

    private static string DecodeEml(string eml)
    {
        // Decode every base64 body block and quoted-printable soft breaks, enough to read the text as a mail client would.
        var text = new System.Text.StringBuilder(eml);
        foreach (Match m in Base64Block().Matches(eml))
        {
            try { text.Append('\n').Append(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value.Replace("\r", "").Replace("\n", "")))); }
            catch (FormatException) { }
        }
        var qp = text.ToString().Replace("=\r\n", "").Replace("=\n", "");
        return QpByte().Replace(qp, m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString()) is var latin
            ? System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(latin.Where(c => c < 256).ToArray())) + qp
            : qp;
    }

    [GeneratedRegex(@"http://portal\.test/Account/ResetPassword\?[^\s""<>]+")]
    private static partial Regex LinkPattern();
    [GeneratedRegex(@"Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)")]
    private static partial Regex Base64Block();
    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex QpByte();
}
