using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Certificates;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>
/// After an erasure nothing in the e-mail outbox, its attachments or the reminder log names or addresses the person:
/// mail to them is deleted, mail naming them (a staff digest, a message quoting their ID or phone) is redacted and
/// still goes to its recipient, their certificates are gone from every attachment, and the log holds no address at all.
/// </summary>
public class ErasureTracesTests
{
    /// <summary>Every row of a table as JSON text (bytea as hex): what someone reading the raw database would see.</summary>
    private static async Task<string> RawAsync(string cs, string table)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') from {table} t", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task After_erasure_no_outbox_attachment_or_reminder_log_row_names_or_addresses_the_person()
    {
        await using var app = await PortalFactory.CreateAsync();
        var staff = await app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ เจ้าหน้าที่");
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var data = await app.ClosedCohortAsync(completed: 2, notCompleted: 1);
        await app.IssueAllAsync(data.Cohort.Id); // "your certificate is ready" to each holder, the PDF attached
        var (t, other) = (data.Trainees[0], data.Trainees[1]);
        var account = await app.CreateUserAsync("yanee.account@example.org", Roles.Participant, traineeId: t.Id);
        var certificate = (await app.CertificatesAsync(data.Cohort.Id)).Single(c => c.TraineeId == t.Id);
        var name = $"{t.FirstName} {t.LastName}";
        var otherName = $"{other.FirstName} {other.LastName}";

        await app.InScopeAsync(async sp =>
        {
            var sender = sp.GetRequiredService<ReminderSender>();
            // To the person: a session reminder (trainee key) and one keyed by the bare address, as contacts are.
            await sender.SendAsync(ReminderKind.SessionTomorrow, null, "trainee:" + t.Id, "session:1", new OutboxMessage { To = t.Email!, Subject = "พรุ่งนี้มีอบรม", HtmlBody = "<p>เรียน " + name + "</p>", TextBody = "เรียน " + name });
            await sender.SendAsync(ReminderKind.MouTermEnding, null, "email:" + t.Email!.ToUpperInvariant(), "mou:1:term:30", new OutboxMessage { To = t.Email!, Subject = "MOU", TextBody = "-", HtmlBody = "-" });
            await sender.SendAsync(ReminderKind.SessionTomorrow, account.Id, "user:" + account.Id, "session:2", new OutboxMessage { To = account.Email!, Subject = "อบรม", TextBody = "-", HtmlBody = "-" });
            // About the person, to staff: a digest naming two trainees, and a message quoting the ID, phone and certificate code.
            await sender.SendDigestAsync(ReminderKind.LowAttendance, staff.Id, "user:" + staff.Id, "2026-12-01", [t.Id, other.Id], id => "enrollment:" + id,
                _ => new OutboxMessage
                {
                    To = staff.Email!,
                    Subject = $"ผู้เข้าอบรม 2 คนมีเวลาเรียนไม่พอ: {name}, {otherName}",
                    HtmlBody = $"<li>{name} — เข้าอบรม 0 จาก 2 ครั้ง</li><li>{otherName} — เข้าอบรม 0 จาก 2 ครั้ง</li>",
                    TextBody = $"{name} — เข้าอบรม 0 จาก 2 ครั้ง\n{otherName} — เข้าอบรม 0 จาก 2 ครั้ง",
                });
            var db = sp.GetRequiredService<Domain.Database.AppDbContext>();
            db.OutboxMessages.Add(new OutboxMessage
            {
                DedupeKey = "manual:1",
                To = staff.Email!,
                Subject = "ตรวจสอบข้อมูลผู้เข้าอบรม",
                TextBody = $"เลขประจำตัว {NationalId.Format(t.NationalId)} ({t.NationalId}) โทร {t.Phone} อีเมล {t.Email} วุฒิบัตร {certificate.Code}",
                HtmlBody = $"<p>เลขประจำตัว {NationalId.Format(t.NationalId)} โทร {t.Phone}</p>",
                Attachments = [new OutboxAttachment { FileName = "copy.pdf", ContentType = "application/pdf", Content = certificate.Pdf! }],
            });
            await db.SaveChangesAsync();
            // Some of it already went out: sent copies count too.
            await db.OutboxMessages.Where(m => m.DedupeKey.StartsWith("reminder:CertificateIssued")).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sent));
        });
        (await RawAsync(app.ConnectionString, "reminder_log")).ShouldNotContain(t.Email!, Case.Insensitive, "the log keeps hashes, never addresses");
        (await RawAsync(app.ConnectionString, "email_outbox")).ShouldContain(name, customMessage: "the world names the person before the erasure");

        var admin = await app.SignedInClientAsync("admin@example.org");
        var erased = await admin.SubmitFormAsync($"/Trainees/Details?id={t.Id}", new Dictionary<string, string> { ["confirm"] = "true" }, "form[data-testid=erase-form]");
        erased.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var outbox = await RawAsync(app.ConnectionString, "email_outbox");
        var attachments = await RawAsync(app.ConnectionString, "(select id, message_id, file_name, content_type, encode(sha256(content), 'hex') as sha from email_outbox_attachments)");
        var log = await RawAsync(app.ConnectionString, "reminder_log");
        var hashedEmail = RecipientKeys.ForEmail(t.Email!, PortalFactory.NationalIds);
        foreach (var trace in new[] { name, t.FirstName + t.LastName, t.Email!, account.Email!, t.NationalId, NationalId.Format(t.NationalId), t.Phone!, certificate.Code })
        {
            outbox.ShouldNotContain(trace, Case.Insensitive);
            attachments.ShouldNotContain(trace, Case.Insensitive);
            log.ShouldNotContain(trace, Case.Insensitive);
        }
        attachments.ShouldNotContain(certificate.PdfSha256!, Case.Insensitive, "no copy of the certificate is attached anywhere");
        log.ShouldNotContain(hashedEmail);
        log.ShouldNotContain("trainee:" + t.Id + "\"");

        // The staff digest still goes out, naming the other trainee only; the quoting message too, without the quotes.
        var kept = await app.DbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == staff.Email).ToListAsync());
        kept.Count.ShouldBe(2);
        var digest = kept.Single(m => m.DedupeKey.StartsWith("reminder:LowAttendance", StringComparison.Ordinal));
        digest.TextBody.ShouldBe($"ผู้ขอลบข้อมูล — เข้าอบรม 0 จาก 2 ครั้ง\n{otherName} — เข้าอบรม 0 จาก 2 ครั้ง");
        digest.Subject.ShouldContain(otherName);
        // The other holder's own mail and certificate are untouched.
        (await app.DbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.To == other.Email))).Attachments.ShouldHaveSingleItem();
    }
}
