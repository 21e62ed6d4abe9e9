using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>
/// What anyone may learn about a certificate from its code (no national ID, phone or e-mail). HolderErased: the holder
/// had their personal data erased (PDPA); the certificate stays verifiable, without a name.
/// </summary>
public sealed record PublicCertificate(string Code, CertificateStatus Status, string HolderName, string Course, string? CourseEn, string Cohort,
    DateOnly IssuedOn, DateTime? RevokedAt, string? SupersededBy, bool HolderErased = false);

/// <summary>
/// Issues, revokes and re-issues certificates; shared by the pages, the API and the issuing job. Issuing prints each
/// certificate once (in batches), stores the PDF with its SHA-256, and queues the "your certificate is ready" e-mail.
/// Idempotent: an enrolment with a valid (or revoked) certificate gets no other from a bulk issue, and the partial
/// unique index on certificates(enrollment_id) where valid stops a concurrent run.
/// </summary>
public sealed class CertificateIssuer(AppDbContext db, CertificatePrinter printer, ReminderSender reminders, UnsubscribeLinks unsubscribe,
    IOptions<PortalOptions> options, TimeProvider clock, ILogger<CertificateIssuer> logger)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');
    public string VerifyUrl(string code) => $"{BaseUrl}/verify/{code.Replace("-", "", StringComparison.Ordinal)}";

    /// <summary>Completed enrolments of a closed cohort that have no certificate yet (a revoked one is not replaced by a bulk issue).</summary>
    public IQueryable<Enrollment> Eligible(long cohortId) =>
        db.Enrollments.Where(e => e.CohortId == cohortId && e.Status == EnrollmentStatus.Enrolled && e.Completed == true &&
                                  !db.Trainees.Any(t => t.Id == e.TraineeId && t.ErasedAt != null) &&
                                  !db.Certificates.Any(c => c.EnrollmentId == e.Id && (c.Status == CertificateStatus.Valid || c.Status == CertificateStatus.Revoked)));

    /// <summary>Signatories for a new issue: the cohort's last batch's, else the last certificate's.</summary>
    public async Task<List<Signatory>> DefaultSignatoriesAsync(long cohortId, CancellationToken ct = default)
    {
        var fromBatch = await db.CertificateBatches.AsNoTracking().Where(b => b.CohortId == cohortId).OrderByDescending(b => b.Id)
            .Select(b => b.Signatories).FirstOrDefaultAsync(ct);
        if (fromBatch is { Count: > 0 }) return fromBatch;
        return await db.Certificates.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Signatories).FirstOrDefaultAsync(ct) ?? [];
    }

    /// <summary>
    /// Records a batch for the cohort (the job then runs it), or returns the cohort's batch that is already queued or
    /// running (Created = false): one issue at a time per cohort, kept so by a partial unique index.
    /// Throws when the cohort is not closed.
    /// </summary>
    public async Task<(CertificateBatch Batch, bool Created)> CreateBatchAsync(long cohortId, IReadOnlyList<Signatory>? signatories,
        CancellationToken ct = default)
    {
        var cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cohortId, ct) ?? throw new NotFoundException("Cohort not found");
        if (cohort.Status != CohortStatus.Completed) throw new RuleViolationException("Certificates are issued once the cohort is closed.");
        if (await ActiveBatchAsync(cohortId, ct) is { } active) return (active, false);
        var list = Clean(signatories) ?? await DefaultSignatoriesAsync(cohortId, ct);
        var batch = new CertificateBatch
        {
            CohortId = cohortId, Signatories = list, Total = await Eligible(cohortId).CountAsync(ct), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CertificateBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(ct);
            return (batch, true);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(batch).State = EntityState.Detached; // another click won the race: join its batch
            return (await ActiveBatchAsync(cohortId, ct) ?? throw new RuleViolationException("Certificates are already being issued for this cohort."), false);
        }
    }

    private Task<CertificateBatch?> ActiveBatchAsync(long cohortId, CancellationToken ct) =>
        db.CertificateBatches.AsNoTracking()
            .Where(b => b.CohortId == cohortId && (b.Status == CertificateBatchStatus.Queued || b.Status == CertificateBatchStatus.Running))
            .SingleOrDefaultAsync(ct);

    private static List<Signatory>? Clean(IReadOnlyList<Signatory>? list) =>
        list?.Where(s => !string.IsNullOrWhiteSpace(s.Name)).Select(s => new Signatory(s.Name.Trim(), s.Position?.Trim() ?? "")).Take(3).ToList() is { Count: > 0 } l ? l : null;

    /// <summary>The job's work: issue every missing certificate, then build the cohort's ZIP. Safe to run again.</summary>
    public async Task RunBatchAsync(long batchId, CancellationToken ct = default)
    {
        var batch = await db.CertificateBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return;
        var total = await Eligible(batch.CohortId).CountAsync(ct);
        await db.CertificateBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u
            .SetProperty(b => b.Status, CertificateBatchStatus.Running).SetProperty(b => b.Total, total).SetProperty(b => b.Done, 0).SetProperty(b => b.Error, (string?)null), ct);
        try
        {
            await IssueForCohortAsync(batch.CohortId, batch.Signatories,
                done => db.CertificateBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Done, done), ct), ct);
            await QueueMissingIssuedMailsAsync(batch.CohortId, ct);
            var zip = await BuildZipAsync(batch.CohortId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await db.CertificateBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u
                .SetProperty(b => b.Status, CertificateBatchStatus.Done).SetProperty(b => b.Zip, zip).SetProperty(b => b.FinishedAt, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Certificate batch {BatchId} failed", batchId);
            var message = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            var now = clock.GetUtcNow().UtcDateTime;
            await db.CertificateBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u
                .SetProperty(b => b.Status, CertificateBatchStatus.Failed).SetProperty(b => b.Error, message).SetProperty(b => b.FinishedAt, now), CancellationToken.None);
            throw;
        }
    }

    private sealed record Row(long EnrollmentId, long TraineeId, string? Title, string FirstName, string LastName, string? FirstNameEn, string? LastNameEn);

    /// <summary>Issues for every eligible enrolment of a closed cohort; returns the new codes.</summary>
    public async Task<List<string>> IssueForCohortAsync(long cohortId, IReadOnlyList<Signatory>? signatories = null, Func<int, Task>? progress = null,
        CancellationToken ct = default)
    {
        var rows = await Eligible(cohortId).OrderBy(e => e.Trainee.FirstName).ThenBy(e => e.Trainee.LastName).ThenBy(e => e.Id)
            .Select(e => new Row(e.Id, e.TraineeId, e.Trainee.Title, e.Trainee.FirstName, e.Trainee.LastName, e.Trainee.FirstNameEn, e.Trainee.LastNameEn))
            .ToListAsync(ct);
        return await IssueRowsAsync(cohortId, rows, signatories, progress, ct);
    }

    /// <summary>Issues to one enrolment; a trainee who did not complete gets none (RuleViolation naming why).</summary>
    public async Task<Certificate> IssueOneAsync(long enrollmentId, IReadOnlyList<Signatory>? signatories = null, CancellationToken ct = default)
    {
        var e = await db.Enrollments.AsNoTracking().Where(x => x.Id == enrollmentId)
            .Select(x => new { x.CohortId, x.Status, x.Completed, CohortStatus = x.Cohort.Status }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Enrolment not found");
        if (e.CohortStatus != CohortStatus.Completed) throw new RuleViolationException("Certificates are issued once the cohort is closed.");
        if (e.Status != EnrollmentStatus.Enrolled || e.Completed != true) throw new RuleViolationException("This trainee did not complete the course: no certificate.");
        var rows = await Eligible(e.CohortId).Where(x => x.Id == enrollmentId)
            .Select(x => new Row(x.Id, x.TraineeId, x.Trainee.Title, x.Trainee.FirstName, x.Trainee.LastName, x.Trainee.FirstNameEn, x.Trainee.LastNameEn))
            .ToListAsync(ct);
        if (rows.Count == 0) throw new RuleViolationException("This trainee already has a certificate for this cohort.");
        var codes = await IssueRowsAsync(e.CohortId, rows, signatories, null, ct);
        if (codes.Count == 0) throw new RuleViolationException("This trainee already has a certificate for this cohort.");
        return await db.Certificates.AsNoTracking().SingleAsync(c => c.Code == codes[0], ct);
    }

    private async Task<List<string>> IssueRowsAsync(long cohortId, List<Row> rows, IReadOnlyList<Signatory>? signatories, Func<int, Task>? progress, CancellationToken ct)
    {
        var issued = new List<string>();
        if (rows.Count == 0) { if (progress is not null) await progress(0); return issued; }
        var cohort = await db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId)
            .Select(c => new
            {
                c.Name, c.StartDate, c.EndDate, c.ClosedAt, c.Course.TitleTh, c.Course.TitleEn, c.Course.Hours,
                First = c.Sessions.Min(s => (DateOnly?)s.Date), Last = c.Sessions.Max(s => (DateOnly?)s.Date),
            }).SingleAsync(ct);
        var settings = await SettingsStore.LoadAsync(db, ct);
        var signers = Clean(signatories) ?? await DefaultSignatoriesAsync(cohortId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Dates.TodayInBangkok(clock);
        var start = cohort.StartDate ?? cohort.First ?? today;
        var end = cohort.EndDate ?? cohort.Last ?? start;

        var chunks = rows.Chunk(CertificatePrinter.BatchSize).Select(chunk => chunk.Select(r => new Certificate
        {
            Code = CertificateCode.New(), TraineeId = r.TraineeId, CohortId = cohortId, EnrollmentId = r.EnrollmentId,
            HolderName = TraineeNames.Full(r.Title, r.FirstName, r.LastName),
            HolderNameEn = string.IsNullOrWhiteSpace(r.FirstNameEn) ? null : $"{r.FirstNameEn} {r.LastNameEn}".Trim(),
            CourseTitle = cohort.TitleTh, CourseTitleEn = cohort.TitleEn, CohortName = cohort.Name, StartDate = start, EndDate = end,
            Hours = cohort.Hours, IssuedOn = today, Signatories = [.. signers], CreatedAt = now,
        }).ToList()).ToList();
        // A batch runs as a job: it prints on the job pages, never taking the ones web requests use.
        Task<IReadOnlyList<byte[]>> Print(List<Certificate> list) => printer.PrintAsync(list.Select(c => Model(c, settings)).ToList(), PdfPool.Jobs, ct);
        // Chromium prints the next chunk while this one is stored and its e-mails queued.
        Task<IReadOnlyList<byte[]>>? next = Print(chunks[0]);
        try
        {
            for (var n = 0; n < chunks.Count; n++)
            {
                var certificates = chunks[n];
                var pdfs = await next!;
                next = n + 1 < chunks.Count ? Print(chunks[n + 1]) : null;
                for (var i = 0; i < certificates.Count; i++) certificates[i].AttachPdf(pdfs[i]);
                db.Certificates.AddRange(certificates);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another run issued some of these meanwhile: keep what is new, one by one.
                    db.ChangeTracker.Clear();
                    var saved = new List<Certificate>();
                    foreach (var c in certificates)
                    {
                        c.Id = 0;
                        db.Certificates.Add(c);
                        try { await db.SaveChangesAsync(ct); saved.Add(c); }
                        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) { db.ChangeTracker.Clear(); }
                    }
                    certificates = saved;
                }
                db.ChangeTracker.Clear();
                issued.AddRange(certificates.Select(c => c.Code));
                await QueueIssuedMailsAsync(certificates, settings, ct);
                if (progress is not null) await progress(issued.Count);
            }
        }
        finally
        {
            if (next is not null) try { await next; } catch (Exception e) when (e is not OutOfMemoryException) { logger.LogDebug(e, "Unused print failed"); }
        }
        return issued;
    }

    public CertificateModel Model(Certificate c, PortalSettings settings) => new(
        settings.FoundationNameTh, settings.FoundationNameEn, settings.LogoDataUrl, c.HolderName, c.HolderNameEn, c.CourseTitle, c.CourseTitleEn, c.CohortName,
        c.StartDate, c.EndDate, c.Hours, c.IssuedOn, c.Signatories, c.Code, VerifyUrl(c.Code));

    /// <summary>"Your certificate is ready" to the holder's e-mail (the linked account's, else the trainee's), once per code.</summary>
    public async Task<ReminderOutcome> QueueIssuedMailAsync(Certificate c, PortalSettings settings, CancellationToken ct = default) =>
        (await QueueIssuedMailsAsync([c], settings, ct))[0];

    /// <summary>The same for many certificates in a handful of round trips (a chunk of 50 at issue: two queries for the
    /// addresses, then <see cref="ReminderSender.SendManyAsync"/>), where one by one took about eight each.</summary>
    public async Task<IReadOnlyList<ReminderOutcome>> QueueIssuedMailsAsync(IReadOnlyList<Certificate> certificates, PortalSettings settings, CancellationToken ct = default)
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
            return new ReminderSender.Request(user?.Id, user is null ? "email:" + (to ?? "").ToLowerInvariant() : $"user:{user.Id}", c.Code, message);
        }).ToList();
        return await reminders.SendManyAsync(ReminderKind.CertificateIssued, requests, ct);
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
            (th ? "ตรวจสอบได้ที่: " : "Verify at: ") + VerifyUrl(c.Code),
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
            message.Attachments.Add(new OutboxAttachment { FileName = ZipEntryName(c.HolderName, c.Code), ContentType = "application/pdf", Content = c.Pdf });
        return message;
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
            .Where(c => c.CohortId == cohortId && c.Status == CertificateStatus.Valid && !db.ReminderLog.Any(r => r.Kind == kind && r.OccurrenceKey == c.Code))
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

    /// <summary>Every valid certificate of the cohort in one ZIP: "นางสาวญาณี ปิ่นแก้วฟ้า K7QF-3M9D-XA.pdf" (UTF-8 names).</summary>
    public async Task<byte[]> BuildZipAsync(long cohortId, CancellationToken ct = default)
    {
        var ids = await db.Certificates.AsNoTracking().Where(c => c.CohortId == cohortId && c.Status == CertificateStatus.Valid && c.Pdf != null)
            .OrderBy(c => c.HolderName).ThenBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(50))
            {
                var files = await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id))
                    .Select(c => new { c.Id, c.HolderName, c.Code, c.Pdf }).ToListAsync(ct);
                foreach (var f in files.OrderBy(f => Array.IndexOf(chunk, f.Id)))
                {
                    var name = ZipEntryName(f.HolderName, f.Code);
                    if (!names.Add(name)) continue;
                    var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                    await using var s = await entry.OpenAsync(ct);
                    await s.WriteAsync(f.Pdf!, ct);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A file name from the holder's name and the code, Thai kept; characters file systems refuse become spaces.</summary>
    public static string ZipEntryName(string holderName, string code)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(holderName.Select(ch => invalid.Contains(ch) || char.IsControl(ch) ? ' ' : ch).ToArray());
        clean = string.Join(' ', clean.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"{clean} {code}.pdf".TrimStart();
    }

    public async Task<Certificate> RevokeAsync(string code, string reason, CancellationToken ct = default)
    {
        var c = await FindAsync(code, ct);
        c.Revoke(reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>A corrected copy (e.g. the name) with a new code and a new PDF; the old one shows as superseded and points to it.</summary>
    public async Task<Certificate> ReissueAsync(string code, string holderName, string? holderNameEn, CancellationToken ct = default)
    {
        var old = await FindAsync(code, ct);
        var settings = await SettingsStore.LoadAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = old.ReissueAs(CertificateCode.New(), holderName, string.IsNullOrWhiteSpace(holderNameEn) ? null : holderNameEn, Dates.TodayInBangkok(clock), now);
        fresh.AttachPdf((await printer.PrintAsync([Model(fresh, settings)], PdfPool.Requests, ct))[0]);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct); // the old one is superseded first: one valid per enrolment
            db.Certificates.Add(fresh);
            await db.SaveChangesAsync(ct);
            old.ReplacedById = fresh.Id;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        await QueueIssuedMailAsync(fresh, settings, ct);
        return fresh;
    }

    private async Task<Certificate> FindAsync(string code, CancellationToken ct)
    {
        var normalized = CertificateCode.Normalize(code) ?? throw new NotFoundException("Certificate not found");
        return await db.Certificates.SingleOrDefaultAsync(c => c.Code == normalized, ct) ?? throw new NotFoundException("Certificate not found");
    }

    /// <summary>The public facts of a certificate, bypassing the participant filter; null when the code is unknown.</summary>
    public async Task<PublicCertificate?> VerifyAsync(string? code, CancellationToken ct = default)
    {
        var normalized = CertificateCode.Normalize(code);
        if (normalized is null) return null;
        return await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.Code == normalized)
            .Select(c => new PublicCertificate(c.Code, c.Status, c.HolderName, c.CourseTitle, c.CourseTitleEn, c.CohortName, c.IssuedOn, c.RevokedAt,
                db.Certificates.IgnoreQueryFilters().Where(n => n.Id == c.ReplacedById).Select(n => n.Code).FirstOrDefault(),
                db.Trainees.IgnoreQueryFilters().Any(t => t.Id == c.TraineeId && t.ErasedAt != null)))
            .SingleOrDefaultAsync(ct);
    }
}
