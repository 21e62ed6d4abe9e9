using System.Net;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Account;

/// <summary>Invitation and password-reset e-mails, queued in the outbox in the recipient's language.</summary>
public sealed class AccountMails(AppDbContext db, IOptions<PortalOptions> options, TimeProvider clock)
{
    private string Link(string path, string email, string token) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";

    public Task QueueInvitationAsync(AppUser user, string token, string invitedBy)
    {
        var link = Link("/Account/ResetPassword", user.Email!, token) + "&invite=true";
        var th = user.PreferredLanguage != "en";
        var subject = th ? "คำเชิญเข้าใช้งานระบบ PartnerPrograms" : "Your invitation to PartnerPrograms";
        var lines = th
            ? new[] { $"เรียน {user.DisplayName}", $"{invitedBy} เชิญท่านเข้าใช้งานระบบบริหารโครงการและภาคีเครือข่าย PartnerPrograms", "กรุณาตั้งรหัสผ่านของท่านที่ลิงก์ด้านล่าง (ลิงก์ใช้ได้ 3 วัน และใช้ได้ครั้งเดียว)" }
            : new[] { $"Dear {user.DisplayName}", $"{invitedBy} has invited you to the PartnerPrograms portal.", "Set your password at the link below (valid for 3 days, once)." };
        return QueueAsync(user, $"invite:{user.Id}:{clock.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}", subject, lines, link, th ? "ตั้งรหัสผ่าน" : "Set your password");
    }

    public Task QueuePasswordResetAsync(AppUser user, string token)
    {
        var link = Link("/Account/ResetPassword", user.Email!, token);
        var th = user.PreferredLanguage != "en";
        var subject = th ? "ตั้งรหัสผ่านใหม่สำหรับ PartnerPrograms" : "Reset your PartnerPrograms password";
        var lines = th
            ? new[] { $"เรียน {user.DisplayName}", "มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีของท่าน หากท่านไม่ได้ขอ โปรดเพิกเฉยต่ออีเมลนี้", "ลิงก์ใช้ได้ 3 วัน และใช้ได้ครั้งเดียว" }
            : new[] { $"Dear {user.DisplayName}", "Someone asked to reset the password of your account. If it was not you, ignore this e-mail.", "The link is valid for 3 days, once." };
        return QueueAsync(user, $"reset:{user.Id}:{clock.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}", subject, lines, link, th ? "ตั้งรหัสผ่านใหม่" : "Reset password");
    }

    private async Task QueueAsync(AppUser user, string key, string subject, string[] lines, string link, string button)
    {
        var html = "<div style=\"font-family:Sarabun,Tahoma,sans-serif;font-size:16px;line-height:1.6\">" +
                   string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>")) +
                   $"<p><a href=\"{WebUtility.HtmlEncode(link)}\" style=\"background:#0b5e55;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">{WebUtility.HtmlEncode(button)}</a></p>" +
                   $"<p style=\"color:#666;font-size:13px\">{WebUtility.HtmlEncode(link)}</p></div>";
        await EmailOutbox.QueueAsync(db, new OutboxMessage
        {
            DedupeKey = key, To = user.Email!, Subject = subject, Language = user.PreferredLanguage,
            HtmlBody = html, TextBody = string.Join("\n\n", lines) + "\n\n" + link + "\n",
        });
        await db.SaveChangesAsync();
    }
}
