using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>"Your certificate is ready": to the holder's e-mail (the linked account's, else the trainee's), once per code.</summary>
public sealed class CertificateMails(AppDbContext db, ReminderSender reminders, UnsubscribeLinks unsubscribe, CertificatePdfs pdfs,
    IOptions<PortalOptions> options, ILogger<CertificateMails> logger)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public async Task<ReminderOutcome> QueueIssuedMailAsync(Certificate c, PortalSettings settings, CancellationToken ct = default) =>
        (await QueueIssuedMailsAsync([c], settings, ct))[0];

    /// <summary>The same for many certificates in a handful of round trips (a chunk of 50 at issue: two queries for the
    /// addresses, then <see cref="ReminderSender.SendManyAsync"/>), where one by one took about eight each.</summary>
    public async Task<IReadOnlyList<ReminderOutcome>> QueueIssuedMailsAsync(IReadOnlyList<Certificate> certificates, PortalSettings settings,
        CancellationToken ct = default)
    {
        if (certificates.Count == 0) return [];
        var traineeIds = certificates.Select(c => c.TraineeId).Distinct().ToList();
        var trainees = await db.Trainees.AsNoTracking().IgnoreQueryFilters().Where(t => traineeIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Email }).ToDictionaryAsync(t => t.Id, t => t.Email, ct);
        var users = (await db.Users.AsNoTracking().Where(u => u.TraineeId != null && traineeIds.Contains(u.TraineeId.Value))
                .Select(u => new { u.Id, u.Email, u.PreferredLanguage, TraineeId = u.TraineeId!.Value }).ToListAsync(ct))
            .GroupBy(u => u.TraineeId).ToDictionary(g => g.Key, g => g.First());
        var requests = certificates.Select(c =>
        {
            var user = users.GetValueOrDefault(c.TraineeId);
            var to = user?.Email ?? trainees.GetValueOrDefault(c.TraineeId);
            var message = IssuedMail(c, settings, to, user?.Id, user?.PreferredLanguage);
            var recipient = user is null ? "email:" + (to ?? "").ToLowerInvariant() : $"user:{user.Id}";
            return new ReminderSender.Request(user?.Id, recipient, c.Code, message);
        }).ToList();
        return await reminders.SendManyAsync(ReminderKind.CertificateIssued, requests, ct);
    }

    /// <summary>
    /// The "certificate issued" e-mail of every valid certificate of the cohort that has none logged yet. A run
    /// killed after storing a chunk of certificates but before queuing their e-mails leaves them without one, and the
    /// next run no longer sees those enrolments as eligible: this catches them up (the reminder log keeps it to one).
    /// </summary>
    public async Task<int> QueueMissingIssuedMailsAsync(long cohortId, CancellationToken ct = default)
    {
        var kind = ReminderKind.CertificateIssued;
        var missing = await db.Certificates.AsNoTracking()
            .Where(c => c.CohortId == cohortId && c.Status == CertificateStatus.Valid &&
                        !db.ReminderLog.Any(r => r.Kind == kind && r.OccurrenceKey == c.Code))
            .Select(c => c.Id).ToListAsync(ct);
        if (missing.Count == 0) return 0;
        var settings = await SettingsStore.LoadAsync(db, ct);
        var queued = 0;
        foreach (var chunk in missing.Chunk(50))
        {
            var certificates = await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            foreach (var c in certificates)
                if (await QueueIssuedMailAsync(c, settings, ct) == ReminderOutcome.Queued) queued++;
        }
        if (queued > 0) logger.LogWarning("Certificate e-mails caught up for cohort {CohortId}: {Queued}", cohortId, queued);
        return queued;
    }

    private OutboxMessage IssuedMail(Certificate c, PortalSettings settings, string? to, Guid? userId, string? preferredLanguage)
    {
        if (string.IsNullOrWhiteSpace(to)) return new OutboxMessage { To = "" };
        var th = preferredLanguage != "en";
        var signIn = BaseUrl + (userId is null ? "/verify/" + c.Code.Replace("-", "", StringComparison.Ordinal) : "/Certificates/My");
        var facts = new EmailLayout.Section(th ? "รายละเอียด" : "Details",
        [
            (th ? "หลักสูตร: " : "Course: ") + (th ? c.CourseTitle : c.CourseTitleEn ?? c.CourseTitle),
            (th ? "รุ่น: " : "Cohort: ") + c.CohortName,
            (th ? "รหัสวุฒิบัตร: " : "Certificate code: ") + c.Code,
            (th ? "ตรวจสอบได้ที่: " : "Verify at: ") + pdfs.VerifyUrl(c.Code),
        ]);
        var content = EmailLayout.Build(
            th ? $"วุฒิบัตรของท่านพร้อมแล้ว: {c.CourseTitle}" : $"Your certificate is ready: {c.CourseTitleEn ?? c.CourseTitle}",
            th ? $"เรียน {c.HolderName}" : $"Dear {c.HolderNameEn ?? c.HolderName}",
            [th ? $"{settings.FoundationNameTh} ขอแสดงความยินดี วุฒิบัตรของท่านพร้อมแล้ว" : $"Congratulations from {settings.FoundationNameEn}: your certificate is ready.",
             settings.AttachCertificatePdfToEmail
                ? (th ? "วุฒิบัตรแนบมากับอีเมลนี้ และดาวน์โหลดได้เมื่อเข้าสู่ระบบ" : "It is attached to this e-mail, and you can download it when signed in.")
                : (th ? "ท่านดาวน์โหลดวุฒิบัตรได้เมื่อเข้าสู่ระบบ" : "You can download it when signed in.")],
            [facts], th ? "เข้าสู่ระบบเพื่อดูวุฒิบัตร" : "Sign in to see your certificate", signIn,
            th ? "อีเมลนี้ส่งโดยอัตโนมัติจากระบบ PartnerPrograms" : "This e-mail was sent automatically by PartnerPrograms.",
            userId is null ? null : th ? "ยกเลิกการรับอีเมลประเภทนี้" : "Unsubscribe from these e-mails",
            userId is null ? null : unsubscribe.PageUrl(BaseUrl, userId.Value, ReminderKind.CertificateIssued));
        var message = new OutboxMessage
        {
            To = to, Subject = content.Subject, HtmlBody = content.Html, TextBody = content.Text, Language = th ? "th" : "en",
            UnsubscribeUrl = userId is null ? null : unsubscribe.OneClickUrl(BaseUrl, userId.Value, ReminderKind.CertificateIssued),
        };
        if (settings.AttachCertificatePdfToEmail && c.Pdf is not null)
            message.Attachments.Add(new OutboxAttachment
            {
                FileName = CertificateZip.FileName(c.HolderName, c.Code), ContentType = "application/pdf", Content = c.Pdf,
            });
        return message;
    }
}
