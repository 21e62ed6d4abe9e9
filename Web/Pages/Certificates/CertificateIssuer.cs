using Npgsql;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Settings;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Documents;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>
/// Issues certificates; shared by the pages, the API and the issuing job. Issuing prints each certificate once (in
/// batches), stores the PDF with its SHA-256, and queues the "your certificate is ready" e-mail. Idempotent: an
/// enrolment with a valid (or revoked) certificate gets no other from a bulk issue, and the partial unique index on
/// certificates(enrollment_id) where valid stops a concurrent run.
/// </summary>
public sealed class CertificateIssuer(AppDbContext db, CertificateQueries queries, CertificatePdfs pdfs,
    CertificateMails mails, CertificateZip zips, TimeProvider clock, ILogger<CertificateIssuer> logger)
{
    /// <summary>
    /// Records a batch for the cohort (the job then runs it), or returns the cohort's batch that is already queued or
    /// running (Created = false): one issue at a time per cohort, kept so by a partial unique index.
    /// Throws when the cohort is not closed.
    /// </summary>
    public async Task<(CertificateBatch Batch, bool Created)> CreateBatchAsync(long cohortId,
        IReadOnlyList<Signatory>? signatories, CancellationToken ct = default)
    {
        var cohort = await db.Cohorts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cohortId, ct)
                     ?? throw new NotFoundException("Cohort not found");
        if (cohort.Status != CohortStatus.Completed) throw new RuleViolationException(NotClosed);
        if (await ActiveBatchAsync(cohortId, ct) is { } active) return (active, false);
        var list = Clean(signatories) ?? await queries.DefaultSignatoriesAsync(cohortId, ct);
        var batch = new CertificateBatch
        {
            CohortId = cohortId,
            Signatories = list,
            Total = await queries.Eligible(cohortId).CountAsync(ct),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CertificateBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(ct);
            return (batch, true);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.Entry(batch).State = EntityState.Detached; // another click won the race: join its batch
            var winner = await ActiveBatchAsync(cohortId, ct)
                         ?? throw new RuleViolationException("Certificates are already being issued for this cohort.");
            return (winner, false);
        }
    }

    private const string NotClosed = "Certificates are issued once the cohort is closed.";

    private Task<CertificateBatch?> ActiveBatchAsync(long cohortId, CancellationToken ct) =>
        db.CertificateBatches.AsNoTracking()
            .Where(b => b.CohortId == cohortId &&
                        (b.Status == CertificateBatchStatus.Queued || b.Status == CertificateBatchStatus.Running))
            .SingleOrDefaultAsync(ct);

    private static List<Signatory>? Clean(IReadOnlyList<Signatory>? list) =>
        list?.Where(s => !string.IsNullOrWhiteSpace(s.Name))
            .Select(s => new Signatory(s.Name.Trim(), s.Position?.Trim() ?? "")).Take(3).ToList() is { Count: > 0 } l
            ? l
            : null;

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The job's work: issue every missing certificate, then build the cohort's ZIP; safe to run again.
    /// </summary>
    public async Task RunBatchAsync(long batchId, CancellationToken ct = default)
    {
        var batch = await db.CertificateBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return;
        var total = await queries.Eligible(batch.CohortId).CountAsync(ct);
        var row = db.CertificateBatches.Where(b => b.Id == batchId);
        await row.ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, CertificateBatchStatus.Running)
            .SetProperty(b => b.Total, total).SetProperty(b => b.Done, 0).SetProperty(b => b.Error, (string?)null), ct);
        try
        {
            await IssueForCohortAsync(batch.CohortId, batch.Signatories,
                done => row.ExecuteUpdateAsync(u => u.SetProperty(b => b.Done, done), ct), ct);
            await mails.QueueMissingIssuedMailsAsync(batch.CohortId, ct);
            var zip = await zips.BuildAsync(batch.CohortId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await row.ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, CertificateBatchStatus.Done)
                .SetProperty(b => b.Zip, zip).SetProperty(b => b.FinishedAt, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Certificate batch {BatchId} failed", batchId);
            var message = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            var now = clock.GetUtcNow().UtcDateTime;
            await row.ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, CertificateBatchStatus.Failed)
                .SetProperty(b => b.Error, message).SetProperty(b => b.FinishedAt, now), CancellationToken.None);
            throw;
        }
    }

    private sealed record Row(long EnrollmentId, long TraineeId, string? Title, string FirstName, string LastName,
        string? FirstNameEn, string? LastNameEn);

    private static IQueryable<Row> Rows(IQueryable<Enrollment> enrollments) =>
        enrollments.Select(e => new Row(e.Id, e.TraineeId, e.Trainee.Title, e.Trainee.FirstName, e.Trainee.LastName,
            e.Trainee.FirstNameEn, e.Trainee.LastNameEn));

    /// <summary>Issues for every eligible enrolment of a closed cohort; returns the new codes.</summary>
    public async Task<List<string>> IssueForCohortAsync(long cohortId, IReadOnlyList<Signatory>? signatories = null,
        Func<int, Task>? progress = null, CancellationToken ct = default)
    {
        var eligible = queries.Eligible(cohortId);
        var ordered = eligible.OrderBy(e => e.Trainee.FirstName).ThenBy(e => e.Trainee.LastName).ThenBy(e => e.Id);
        var rows = await Rows(ordered).ToListAsync(ct);
        return await IssueRowsAsync(cohortId, rows, signatories, progress, ct);
    }

    /// <summary>Issues to one enrolment; a trainee who did not complete gets none (RuleViolation naming why).</summary>
    public async Task<Certificate> IssueOneAsync(long enrollmentId, IReadOnlyList<Signatory>? signatories = null,
        CancellationToken ct = default)
    {
        var e = await db.Enrollments.AsNoTracking().Where(x => x.Id == enrollmentId)
                    .Select(x => new { x.CohortId, x.Status, x.Completed, CohortStatus = x.Cohort.Status })
                    .SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("Enrolment not found");
        if (e.CohortStatus != CohortStatus.Completed) throw new RuleViolationException(NotClosed);
        if (e.Status != EnrollmentStatus.Enrolled || e.Completed != true)
            throw new RuleViolationException("This trainee did not complete the course: no certificate.");
        var rows = await Rows(queries.Eligible(e.CohortId).Where(x => x.Id == enrollmentId)).ToListAsync(ct);
        var codes = rows.Count == 0 ? [] : await IssueRowsAsync(e.CohortId, rows, signatories, null, ct);
        if (codes.Count == 0)
            throw new RuleViolationException("This trainee already has a certificate for this cohort.");
        return await db.Certificates.AsNoTracking().SingleAsync(c => c.Code == codes[0], ct);
    }

    private async Task<List<string>> IssueRowsAsync(long cohortId, List<Row> rows,
        IReadOnlyList<Signatory>? signatories, Func<int, Task>? progress, CancellationToken ct)
    {
        var issued = new List<string>();
        if (rows.Count == 0) { if (progress is not null) await progress(0); return issued; }
        var settings = await SettingsStore.LoadAsync(db, ct);
        var signers = Clean(signatories) ?? await queries.DefaultSignatoriesAsync(cohortId, ct);
        var template = await TemplateAsync(cohortId, signers, ct);
        var chunks = rows.Chunk(CertificatePrinter.BatchSize).Select(c => c.Select(template.For).ToList()).ToList();
        // A batch runs as a job: it prints on the job pages, never taking the ones web requests use.
        Task<IReadOnlyList<byte[]>> Print(List<Certificate> list) => pdfs.PrintAsync(list, settings, PdfPool.Jobs, ct);
        // Chromium prints the next chunk while this one is stored and its e-mails queued.
        Task<IReadOnlyList<byte[]>>? next = Print(chunks[0]);
        try
        {
            for (var n = 0; n < chunks.Count; n++)
            {
                var certificates = chunks[n];
                var printed = await next!;
                next = n + 1 < chunks.Count ? Print(chunks[n + 1]) : null;
                for (var i = 0; i < certificates.Count; i++) certificates[i].AttachPdf(printed[i]);
                certificates = await SaveAsync(certificates, ct);
                issued.AddRange(certificates.Select(c => c.Code));
                await mails.QueueIssuedMailsAsync(certificates, settings, ct);
                if (progress is not null) await progress(issued.Count);
            }
        }
        finally
        {
            if (next is not null)
                try { await next; }
                catch (Exception e) when (e is not OutOfMemoryException) { logger.LogDebug(e, "Unused print failed"); }
        }
        return issued;
    }

    /// <summary>Stores a chunk; when another run issued some of them meanwhile, keeps what is new one by one.</summary>
    private async Task<List<Certificate>> SaveAsync(List<Certificate> certificates, CancellationToken ct)
    {
        db.Certificates.AddRange(certificates);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var saved = new List<Certificate>();
            foreach (var c in certificates)
            {
                c.Id = 0;
                db.Certificates.Add(c);
                try { await db.SaveChangesAsync(ct); saved.Add(c); }
                catch (DbUpdateException ex) when (IsUniqueViolation(ex)) { db.ChangeTracker.Clear(); }
            }
            certificates = saved;
        }
        db.ChangeTracker.Clear();
        return certificates;
    }

    /// <summary>What every certificate of the cohort shares: course, dates, signatories, issue date.</summary>
    private sealed record Template(long CohortId, string Cohort, string Course, string? CourseEn, decimal Hours,
        DateOnly Start, DateOnly End, DateOnly Today, List<Signatory> Signers, DateTime Now)
    {
        public Certificate For(Row r) => new()
        {
            Code = CertificateCode.New(),
            TraineeId = r.TraineeId,
            CohortId = CohortId,
            EnrollmentId = r.EnrollmentId,
            HolderName = TraineeNames.Full(r.Title, r.FirstName, r.LastName),
            HolderNameEn = string.IsNullOrWhiteSpace(r.FirstNameEn) ? null : $"{r.FirstNameEn} {r.LastNameEn}".Trim(),
            CourseTitle = Course,
            CourseTitleEn = CourseEn,
            CohortName = Cohort,
            StartDate = Start,
            EndDate = End,
            Hours = Hours,
            IssuedOn = Today,
            Signatories = [.. Signers],
            CreatedAt = Now,
        };
    }

    private async Task<Template> TemplateAsync(long cohortId, List<Signatory> signers, CancellationToken ct)
    {
        var cohort = await db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId)
            .Select(c => new
            {
                c.Name,
                c.StartDate,
                c.EndDate,
                c.Course.TitleTh,
                c.Course.TitleEn,
                c.Course.Hours,
                First = c.Sessions.Min(s => (DateOnly?)s.Date),
                Last = c.Sessions.Max(s => (DateOnly?)s.Date),
            }).SingleAsync(ct);
        var today = Dates.TodayInBangkok(clock);
        var start = cohort.StartDate ?? cohort.First ?? today;
        var end = cohort.EndDate ?? cohort.Last ?? start;
        return new Template(cohortId, cohort.Name, cohort.TitleTh, cohort.TitleEn, cohort.Hours, start, end, today,
            signers, clock.GetUtcNow().UtcDateTime);
    }
}
