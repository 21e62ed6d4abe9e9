using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Email.Templates;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>
/// The e-mail templates on the one layout write, word for word, what the hand-built e-mails wrote (in Thai and in
/// English), plus the common footer; Thai stays readable in the HTML, not numeric entities.
/// </summary>
public class MailTemplateTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, object?> Session() => new()
    {
        [nameof(SessionTomorrowMail.Name)] = "นางสาวญาณี ปิ่นแก้วฟ้า",
        [nameof(SessionTomorrowMail.Topic)] = "การออม",
        [nameof(SessionTomorrowMail.Course)] = "การเงินชุมชน",
        [nameof(SessionTomorrowMail.Cohort)] = "รุ่น 1",
        [nameof(SessionTomorrowMail.Day)] = new DateOnly(2027, 3, 2),
        [nameof(SessionTomorrowMail.Start)] = new TimeOnly(9, 0),
        [nameof(SessionTomorrowMail.End)] = new TimeOnly(12, 0),
        [nameof(SessionTomorrowMail.Online)] = true,
        [nameof(SessionTomorrowMail.Url)] = "http://portal.test/Training/My",
    };

    [Fact]
    public async Task A_session_reminder_reads_as_before_in_Thai_and_in_English()
    {
        var mails = _app.Services.GetRequiredService<MailWriter>();
        var th = await mails.WriteAsync<SessionTomorrowMail>(new MailTo("a@example.org", "th"), Session(), ReminderKind.SessionTomorrow);
        th.Subject.ShouldBe("พรุ่งนี้มีอบรม: การออม");
        th.Language.ShouldBe("th");
        th.TextBody.ShouldBe("เรียน นางสาวญาณี ปิ่นแก้วฟ้า\n\nขอเชิญเข้าอบรมหลักสูตร การเงินชุมชน รุ่น 1\n\n" +
                             "- หัวข้อ: การออม\n- วันเวลา: 2 มีนาคม 2570 09:00–12:00 น.\n- สถานที่: ออนไลน์\n\n" +
                             "ดูตารางอบรมของฉัน: http://portal.test/Training/My\n\nอีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ\n");
        th.HtmlBody.ShouldStartWith("<!DOCTYPE html>");
        th.HtmlBody.ShouldContain("ขอเชิญเข้าอบรมหลักสูตร การเงินชุมชน รุ่น 1");
        th.UnsubscribeUrl.ShouldBeNull("a bare address has no preferences to change");

        var en = await mails.WriteAsync<SessionTomorrowMail>(new MailTo("a@example.org", "en"), Session());
        en.Subject.ShouldBe("Training tomorrow: การออม");
        en.TextBody.ShouldBe("Dear นางสาวญาณี ปิ่นแก้วฟ้า\n\nYou are expected at the course การเงินชุมชน, รุ่น 1.\n\n" +
                             "- Topic: การออม\n- When: 2 March 2027 09:00–12:00\n- Where: online\n\n" +
                             "My training: http://portal.test/Training/My\n\nThis e-mail was sent automatically by PartnerPrograms.\n");
    }

    [Fact]
    public async Task A_user_gets_the_unsubscribe_link_in_the_footer_and_the_one_click_header()
    {
        var mails = _app.Services.GetRequiredService<MailWriter>();
        var message = await mails.WriteAsync<SessionTomorrowMail>(new MailTo("a@example.org", "th", Guid.NewGuid()), Session(),
            ReminderKind.SessionTomorrow);
        message.TextBody.ShouldContain("อีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ\nยกเลิกการรับอีเมลประเภทนี้: http://portal.test/Unsubscribe?token=");
        message.HtmlBody.ShouldContain("http://portal.test/Unsubscribe?token=");
        message.UnsubscribeUrl.ShouldStartWith("http://portal.test/unsubscribe/one-click?t=");
    }

    [Fact]
    public async Task An_invitation_keeps_its_link_on_a_line_of_its_own_and_now_has_the_footer()
    {
        var mails = _app.Services.GetRequiredService<MailWriter>();
        const string link = "http://portal.test/Account/ResetPassword?email=a%40example.org&token=t&invite=true";
        var th = await mails.WriteAsync<InvitationMail>(new MailTo("a@example.org", "th"), new Dictionary<string, object?>
        {
            [nameof(InvitationMail.Name)] = "คุณวิภาวรรณ",
            [nameof(InvitationMail.InvitedBy)] = "ผู้ดูแลระบบ",
            [nameof(InvitationMail.Url)] = link,
        }, dedupeKey: "invite:1");
        th.DedupeKey.ShouldBe("invite:1");
        th.Subject.ShouldBe("คำเชิญเข้าใช้งานระบบ PartnerPrograms");
        th.TextBody.ShouldBe("เรียน คุณวิภาวรรณ\n\nผู้ดูแลระบบ เชิญท่านเข้าใช้งานระบบบริหารโครงการและภาคีเครือข่าย PartnerPrograms\n\n" +
                             "กรุณาตั้งรหัสผ่านของท่านที่ลิงก์ด้านล่าง (ลิงก์ใช้ได้ 3 วัน และใช้ได้ครั้งเดียว)\n\n" + link +
                             "\n\nอีเมลนี้ส่งจากระบบ PartnerPrograms โดยอัตโนมัติ\n");
        th.HtmlBody.ShouldContain(">ตั้งรหัสผ่าน</a>");
    }
}
