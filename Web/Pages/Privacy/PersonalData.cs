using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// A data subject's rights on one trainee record: reveal the national ID (staff, audited), export everything held
/// about the person (audited), erase on request (audited: who and when, not what).
/// </summary>
public sealed class PersonalData(AppDbContext db, NationalIdProtector protector, TimeProvider clock, ILogger<PersonalData> logger, MailErasure mail)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>What a reveal found: nothing (unknown or erased record), the formatted ID, or an ID that is not this row's.</summary>
    public sealed record Revealed(string? NationalId, bool NotThisRecords);

    /// <summary>The full national ID, formatted (1-1037-00123-45-8), with an audit row; null for an unknown or erased record.</summary>
    public async Task<Revealed?> RevealAsync(long traineeId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var cipher = await db.Trainees.Where(t => t.Id == traineeId).Select(t => t.NationalIdCipher).SingleOrDefaultAsync(ct);
        if (cipher is null) return null;
        Audit(traineeId, user, PersonalDataAction.Reveal);
        await db.SaveChangesAsync(ct);
        return ReadNationalId(traineeId, cipher) is { } digits ? new Revealed(NationalId.Format(digits), false) : new Revealed(null, true);
    }

    /// <summary>
    /// The row's ID, or null when the ciphertext is not this row's (it was moved from another trainee, or damaged): never
    /// the other person's number. Logged without any ID, for whoever looks after the database.
    /// </summary>
    private string? ReadNationalId(long traineeId, byte[] cipher)
    {
        try { return protector.Decrypt(cipher, traineeId); }
        catch (System.Security.Cryptography.CryptographicException)
        {
            logger.LogWarning(
                "The national ID stored for trainee {TraineeId} does not decrypt for that record: "
                + "it was moved from another row or damaged", traineeId);
            return null;
        }
    }

    public sealed record Export(DateTime ExportedAt, ExportedTrainee Trainee, List<ExportedEnrolment> Enrolments, List<ExportedCertificate> Certificates,
        List<ExportedAccount> Accounts, List<ExportedAudit> PersonalDataAudit);
    public sealed record ExportedTrainee(long Id, string? Title, string FirstName, string LastName, string? FirstNameEn, string? LastNameEn, string? NationalId,
        DateOnly? BirthDate, string? Phone, string? Email, string? LineId, string? Province, string? Community, DateTime? PdpaConsentAt, string? PdpaConsentBy,
        DateTime CreatedAt, DateTime? ErasedAt);
    public sealed record ExportedEnrolment(long CohortId, string Course, string Cohort, DateOnly? StartDate, DateOnly? EndDate, EnrollmentStatus Status,
        DateTime CreatedAt, DateTime? WaitlistedAt, DateTime? WithdrawnAt, decimal? AssessmentScore, bool? Completed, int? AttendedSessions, int? SessionCount,
        List<ExportedAttendance> Attendance);
    public sealed record ExportedAttendance(DateOnly Date, TimeOnly StartTime, string Topic, AttendanceStatus Status, DateTime RecordedAt);
    public sealed record ExportedCertificate(
        string Code,
        string Status,
        string HolderName,
        string? HolderNameEn,
        string Course,
        string Cohort,
        DateOnly IssuedOn,
        decimal Hours,
        DateTime? RevokedAt);
    public sealed record ExportedAccount(string? Email, string DisplayName, string Role, string PreferredLanguage, bool IsDisabled, DateTime CreatedAt);
    public sealed record ExportedAudit(DateTime At, PersonalDataAction Action, string By);

    /// <summary>Everything held about the person, as indented JSON (UTF-8); null for an unknown record. The export itself is audited first.</summary>
    public async Task<byte[]?> ExportAsync(long traineeId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var t = await db.Trainees.AsNoTracking().SingleOrDefaultAsync(x => x.Id == traineeId, ct);
        if (t is null) return null;
        Audit(traineeId, user, PersonalDataAction.Export);
        await db.SaveChangesAsync(ct);

        var enrolments = await db.Enrollments.AsNoTracking().Where(e => e.TraineeId == traineeId).OrderBy(e => e.CreatedAt)
            .Select(e => new ExportedEnrolment(e.CohortId, e.Cohort.Course.TitleTh, e.Cohort.Name, e.Cohort.StartDate, e.Cohort.EndDate, e.Status, e.CreatedAt,
                e.WaitlistedAt, e.WithdrawnAt, e.AssessmentScore, e.Completed, e.AttendedSessions, e.SessionCount,
                e.Attendance.Join(db.TrainingSessions, a => a.SessionId, s => s.Id, (a, s) => new { a, s }).OrderBy(x => x.s.Date).ThenBy(x => x.s.StartTime)
                    .Select(x => new ExportedAttendance(x.s.Date, x.s.StartTime, x.s.Topic, x.a.Status, x.a.RecordedAt)).ToList()))
            .ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.TraineeId == traineeId).OrderBy(c => c.IssuedOn)
            .Select(c => new ExportedCertificate(c.Code, c.Status.ToString(), c.HolderName, c.HolderNameEn,
                c.CourseTitle, c.CohortName, c.IssuedOn, c.Hours, c.RevokedAt))
            .ToListAsync(ct);
        var accounts = await db.Users.AsNoTracking().Where(u => u.TraineeId == traineeId)
            .Select(u => new ExportedAccount(u.Email, u.DisplayName, u.Role, u.PreferredLanguage, u.IsDisabled, u.CreatedAt)).ToListAsync(ct);
        var audit = await db.PersonalDataAudit.AsNoTracking().Where(a => a.TraineeId == traineeId).OrderBy(a => a.At)
            .Select(a => new ExportedAudit(a.At, a.Action, a.UserName)).ToListAsync(ct);
        var export = new Export(clock.GetUtcNow().UtcDateTime,
            new ExportedTrainee(t.Id, t.Title, t.FirstName, t.LastName, t.FirstNameEn, t.LastNameEn,
                t.NationalIdCipher is null || ReadNationalId(t.Id, t.NationalIdCipher) is not { } digits
                    ? null
                    : NationalId.Format(digits),
                t.BirthDate, t.Phone, t.Email, t.LineId,
                t.Province, t.Community, t.PdpaConsentAt, t.PdpaConsentBy, t.CreatedAt, t.ErasedAt),
            enrolments, certificates, accounts, audit);
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }

    public sealed record ErasureResult(int Certificates, int Accounts, int Messages, int MessagesRedacted = 0);

    /// <summary>
    /// Erases the person: the record anonymised (Trainee.Erase), issued certificates kept for verification under the
    /// erased name with their PDFs and cohort ZIPs deleted, linked sign-in accounts disabled and stripped, e-mails to
    /// them deleted and e-mails naming them redacted (<see cref="MailErasure"/>), the reminder log's rows about them
    /// removed. Enrolments, attendance and scores stay, attached to the anonymous record, so every report counts the
    /// same. One transaction; audited (who, when).
    /// </summary>
    public async Task<ErasureResult?> EraseAsync(long traineeId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var t = await db.Trainees.SingleOrDefaultAsync(x => x.Id == traineeId, ct);
        if (t is null) return null;
        var certificates = await db.Certificates.IgnoreQueryFilters().Where(c => c.TraineeId == traineeId).ToListAsync(ct);
        var accounts = await db.Users.Where(u => u.TraineeId == traineeId).ToListAsync(ct);
        // Everything that could name the person in a message, read before any of it is emptied.
        var traces = MailErasure.Collect(t,
            t.NationalIdCipher is null ? null : ReadNationalId(traineeId, t.NationalIdCipher),
            certificates, accounts, protector);
        t.Erase(now);

        foreach (var c in certificates)
        {
            c.HolderName = Trainee.ErasedName;
            c.HolderNameEn = null;
            c.Pdf = null; // the PDF prints the name; the code and the hash of the original stay for verification
        }
        var cohorts = certificates.Select(c => c.CohortId).Distinct().ToList();
        if (cohorts.Count > 0)
            await db.CertificateBatches
                .Where(b => cohorts.Contains(b.CohortId) && b.Zip != null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Zip, (byte[]?)null), ct);

        foreach (var u in accounts)
        {
            var alias = $"erased-{u.Id:N}@erased.invalid";
            u.Email = u.UserName = alias;
            u.NormalizedEmail = u.NormalizedUserName = alias.ToUpperInvariant();
            u.DisplayName = Trainee.ErasedName;
            u.PhoneNumber = null;
            u.PasswordHash = null;
            u.IsDisabled = true;
            u.LockoutEnabled = true;
            u.LockoutEnd = DateTimeOffset.MaxValue;
            u.SecurityStamp = Guid.NewGuid().ToString("N"); // signs the person out everywhere
            u.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        }
        var userIds = accounts.Select(u => u.Id).ToList();
        if (userIds.Count > 0)
        {
            await db.ApiTokens.Where(a => userIds.Contains(a.UserId)).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(a => userIds.Contains(a.UserId)).ExecuteDeleteAsync(ct);
        }
        var messages = await mail.EraseAsync(traces, ct);

        Audit(traineeId, user, PersonalDataAction.Erase);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ErasureResult(certificates.Count, accounts.Count, messages.Deleted, messages.Redacted);
    }

    /// <summary>
    /// Consent given after registration, on <paramref name="date"/> (Thai time; today means now), recorded by the
    /// signed-in officer and audited like the other acts on the person's data.
    /// </summary>
    public async Task RecordConsentAsync(long traineeId, DateOnly date, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        var trainee = await db.Trainees.SingleOrDefaultAsync(t => t.Id == traineeId, ct)
            ?? throw new NotFoundException();
        var now = clock.GetUtcNow().UtcDateTime;
        var at = date == Dates.TodayInBangkok(clock)
            ? now
            : TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue),
                PartnerPrograms.Jobs.Scheduling.JobsSetup.Bangkok);
        trainee.RecordConsent(at, user.DisplayName(), now);
        Audit(traineeId, user, PersonalDataAction.Consent);
        await db.SaveChangesAsync(ct);
    }

    private void Audit(long traineeId, ClaimsPrincipal user, PersonalDataAction action)
    {
        var name = user.DisplayName();
        db.PersonalDataAudit.Add(new PersonalDataAuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user.UserId(),
            UserName = name.Length > 200 ? name[..200] : name,
            Action = action,
            TraineeId = traineeId,
        });
    }
}
