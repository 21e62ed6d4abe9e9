using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Email.Templates;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>"Your certificate is ready": to the holder's e-mail (the linked account's, else the trainee's), once per
/// code.</summary>
public sealed class CertificateMails(AppDbContext db, ReminderSender reminders, MailWriter mails, CertificatePdfs pdfs,
    ILogger<CertificateMails> logger)
{
    public async Task<ReminderOutcome> QueueIssuedMailAsync(Certificate c, PortalSettings settings,
        CancellationToken ct = default) => (await QueueIssuedMailsAsync([c], settings, ct))[0];

    /// <summary>The same for many certificates in a handful of round trips (a chunk of 50 at issue: two queries for the
    /// addresses, then <see cref="ReminderSender.SendManyAsync"/>), where one by one took about eight each.</summary>
    public async Task<IReadOnlyList<ReminderOutcome>> QueueIssuedMailsAsync(IReadOnlyList<Certificate> certificates,
        PortalSettings settings, CancellationToken ct = default)
    {
        if (certificates.Count == 0) return [];
        var traineeIds = certificates.Select(c => c.TraineeId).Distinct().ToList();
        var trainees = await db.Trainees.AsNoTracking().IgnoreQueryFilters().Where(t => traineeIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Email }).ToDictionaryAsync(t => t.Id, t => t.Email, ct);
        var users = (await db.Users.AsNoTracking()
                .Where(u => u.TraineeId != null && traineeIds.Contains(u.TraineeId.Value))
                .Select(u => new { u.Id, u.Email, u.PreferredLanguage, TraineeId = u.TraineeId!.Value })
                .ToListAsync(ct))
            .GroupBy(u => u.TraineeId).ToDictionary(g => g.Key, g => g.First());
        var requests = new List<ReminderSender.Request>();
        foreach (var c in certificates)
        {
            var user = users.GetValueOrDefault(c.TraineeId);
            var to = user?.Email ?? trainees.GetValueOrDefault(c.TraineeId);
            var message = await IssuedMailAsync(c, settings, new MailTo(to, user?.PreferredLanguage, user?.Id));
            var recipient = user is null ? "email:" + (to ?? "").ToLowerInvariant() : $"user:{user.Id}";
            requests.Add(new ReminderSender.Request(user?.Id, recipient, c.Code, message));
        }
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
        if (queued > 0)
            logger.LogWarning("Certificate e-mails caught up for cohort {CohortId}: {Queued}", cohortId, queued);
        return queued;
    }

    private Task<OutboxMessage> IssuedMailAsync(Certificate c, PortalSettings settings, MailTo to)
    {
        // An account sees its certificates after signing in; a trainee without one can still check the code publicly.
        var signIn = to.UserId is null ? pdfs.VerifyUrl(c.Code) : mails.Url("/Certificates/My");
        OutboxAttachment[] attachments = settings.AttachCertificatePdfToEmail && c.Pdf is { } pdf
            ? [new() { FileName = CertificateZip.FileName(c.HolderName, c.Code), ContentType = "application/pdf", Content = pdf }]
            : [];
        return mails.WriteAsync<CertificateIssuedMail>(to, new Dictionary<string, object?>
        {
            [nameof(CertificateIssuedMail.Certificate)] = c,
            [nameof(CertificateIssuedMail.Settings)] = settings,
            [nameof(CertificateIssuedMail.VerifyUrl)] = pdfs.VerifyUrl(c.Code),
            [nameof(CertificateIssuedMail.SignInUrl)] = signIn,
        }, ReminderKind.CertificateIssued, attachments: attachments);
    }
}
