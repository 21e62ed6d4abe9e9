using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Training;

/// <summary>
/// The changes that must hold under concurrency: enrolment against capacity, withdrawal and promotion, closing a
/// cohort. Each locks the cohort row (SELECT … FOR UPDATE) for its transaction, so two enrolments at once queue up
/// and the second sees the first's seat.
/// </summary>
public sealed class TrainingCommands(AppDbContext db)
{
    public sealed record EnrollResult(long EnrollmentId, EnrollmentStatus Status);

    /// <summary>The trainee a national ID typed into a cohort's enrol box names, or why none can be
    /// enrolled.</summary>
    public sealed record EnrollLookup(long? TraineeId, string? Problem)
    {
        public bool NotRegistered => Problem == NotRegisteredMessage;
    }

    public const string NotRegisteredMessage = "No trainee has this national ID. Register the person first.";
    public const string AlreadyInMessage = "This trainee is already in this cohort.";

    /// <summary>
    /// Says which of the four problems a typed national ID has — not 13 digits, a wrong check digit, nobody registered
    /// with it, already in the cohort — so the box can say it, rather than "not found" for a mistyped digit.
    /// </summary>
    public async Task<EnrollLookup> FindForEnrollmentAsync(long cohortId, string? nationalId,
        PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds, CancellationToken ct = default)
    {
        if (NationalId.Validate(nationalId) is { } invalid) return new EnrollLookup(null, invalid);
        var hash = nationalIds.Hash(NationalId.Normalize(nationalId)!);
        var found = await db.Trainees.Where(t => t.NationalIdHash == hash)
            .Select(t => new
            {
                t.Id,
                InCohort = db.Enrollments.Any(e =>
                    e.CohortId == cohortId && e.TraineeId == t.Id && e.Status != EnrollmentStatus.Withdrawn),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null) return new EnrollLookup(null, NotRegisteredMessage);
        return found.InCohort ? new EnrollLookup(found.Id, AlreadyInMessage) : new EnrollLookup(found.Id, null);
    }

    public async Task<EnrollResult> EnrollAsync(long cohortId, long traineeId, DateTime now, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cohort = await LockAsync(cohortId, ct);
        cohort.EnsureAcceptsEnrollments();
        if (!await db.Trainees.AnyAsync(t => t.Id == traineeId, ct)) throw new NotFoundException("Trainee not found");
        var existing = await db.Enrollments.SingleOrDefaultAsync(e => e.CohortId == cohortId && e.TraineeId == traineeId, ct);
        if (existing is { Status: not EnrollmentStatus.Withdrawn })
            throw new RuleViolationException(AlreadyInMessage);
        var enrolled = await db.Enrollments.CountAsync(e => e.CohortId == cohortId && e.Status == EnrollmentStatus.Enrolled, ct);
        var status = EnrollmentRules.StatusForNew(cohort.Capacity, enrolled);
        var enrollment = existing ?? new Enrollment { CohortId = cohortId, TraineeId = traineeId, CreatedAt = now };
        enrollment.Status = status;
        enrollment.WithdrawnAt = null;
        enrollment.WaitlistedAt = status == EnrollmentStatus.Waitlisted ? now : null;
        if (existing is null) db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new EnrollResult(enrollment.Id, status);
    }

    /// <summary>Enrols many trainees at once (after an import): seats first, then the waitlist; those already in are skipped.</summary>
    public async Task<(int Enrolled, int Waitlisted, int Skipped)> EnrollManyAsync(
        long cohortId,
        IReadOnlyCollection<long> traineeIds,
        DateTime now,
        CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cohort = await LockAsync(cohortId, ct);
        cohort.EnsureAcceptsEnrollments();
        var existing = await db.Enrollments.Where(e => e.CohortId == cohortId)
            .Select(e => new { e.TraineeId, e.Status }).ToListAsync(ct);
        var active = existing.Where(e => e.Status != EnrollmentStatus.Withdrawn).Select(e => e.TraineeId).ToHashSet();
        var withdrawn = existing.Where(e => e.Status == EnrollmentStatus.Withdrawn).Select(e => e.TraineeId).ToHashSet();
        var enrolled = existing.Count(e => e.Status == EnrollmentStatus.Enrolled);
        int seats = 0, waiting = 0, skipped = 0;
        var tick = 0;
        foreach (var id in traineeIds.Distinct())
        {
            if (active.Contains(id) || withdrawn.Contains(id)) { skipped++; continue; }
            var status = EnrollmentRules.StatusForNew(cohort.Capacity, enrolled);
            if (status == EnrollmentStatus.Enrolled) { enrolled++; seats++; } else waiting++;
            // Waitlist order follows the file's order.
            db.Enrollments.Add(new Enrollment
            {
                CohortId = cohortId,
                TraineeId = id,
                Status = status,
                CreatedAt = now,
                WaitlistedAt = status == EnrollmentStatus.Waitlisted ? now.AddTicks(tick++) : null,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (seats, waiting, skipped);
    }

    /// <summary>Withdraws an enrolment; a freed seat goes to the earliest on the waitlist. Returns who was promoted.</summary>
    public async Task<IReadOnlyList<long>> WithdrawAsync(long enrollmentId, DateTime now, CancellationToken ct = default)
    {
        var cohortId = await db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => (long?)e.CohortId).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cohort = await LockAsync(cohortId, ct);
        var enrollment = await db.Enrollments.SingleAsync(e => e.Id == enrollmentId, ct);
        if (enrollment.Status == EnrollmentStatus.Withdrawn) throw new RuleViolationException("This enrolment is already withdrawn.");
        if (cohort.Status is CohortStatus.Completed or CohortStatus.Cancelled) throw new RuleViolationException("This cohort is already closed or cancelled.");
        enrollment.Status = EnrollmentStatus.Withdrawn;
        enrollment.WithdrawnAt = now;
        await db.SaveChangesAsync(ct);
        var promoted = await PromoteAsync(cohort, ct);
        await tx.CommitAsync(ct);
        return promoted;
    }

    /// <summary>Fills free seats from the waitlist (after a withdrawal or a larger capacity). Call inside a transaction holding the lock.</summary>
    private async Task<IReadOnlyList<long>> PromoteAsync(Cohort cohort, CancellationToken ct)
    {
        var enrolled = await db.Enrollments.CountAsync(e => e.CohortId == cohort.Id && e.Status == EnrollmentStatus.Enrolled, ct);
        if (enrolled >= cohort.Capacity) return [];
        var waiting = await db.Enrollments.Where(e => e.CohortId == cohort.Id && e.Status == EnrollmentStatus.Waitlisted)
            .OrderBy(e => e.WaitlistedAt).ThenBy(e => e.Id).Take(cohort.Capacity - enrolled).ToListAsync(ct);
        var promote = EnrollmentRules.ToPromote(cohort.Capacity, enrolled, waiting);
        foreach (var e in promote) { e.Status = EnrollmentStatus.Enrolled; e.WaitlistedAt = null; }
        await db.SaveChangesAsync(ct);
        return promote.Select(e => e.Id).ToList();
    }

    /// <summary>After the capacity of a cohort changed: promote from the waitlist into new seats.</summary>
    public async Task<IReadOnlyList<long>> FillFromWaitlistAsync(long cohortId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cohort = await LockAsync(cohortId, ct);
        var promoted = cohort.AcceptsEnrollments ? await PromoteAsync(cohort, ct) : [];
        await tx.CommitAsync(ct);
        return promoted;
    }

    /// <summary>
    /// Records attendance for enrolments of the session's cohort (upsert). Unknown enrolments are refused, and so is
    /// anything but excused before the session starts (<see cref="AttendanceRules"/>).
    /// </summary>
    public async Task RecordAttendanceAsync(
        long sessionId,
        IReadOnlyCollection<(long EnrollmentId, AttendanceStatus Status)> marks,
        DateTime now,
        CancellationToken ct = default)
    {
        var session = await db.TrainingSessions.Where(s => s.Id == sessionId)
            .Select(s => new { s.CohortId, s.Cohort.Status, s.Date, s.StartTime }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        if (session.Status is CohortStatus.Completed or CohortStatus.Cancelled)
            throw new RuleViolationException("This cohort is closed: its attendance is fixed.", "enrollmentId");
        AttendanceRules.EnsureCanRecord(session.Date, session.StartTime, marks.Select(m => m.Status),
            new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)));
        var ids = marks.Select(m => m.EnrollmentId).Distinct().ToList();
        var valid = await db.Enrollments.Where(e => e.CohortId == session.CohortId && ids.Contains(e.Id) && e.Status == EnrollmentStatus.Enrolled)
            .Select(e => e.Id).ToListAsync(ct);
        if (valid.Count != ids.Count)
            throw new RuleViolationException("Some enrolments are not in this session's cohort.", "enrollmentId");
        // One upsert for the whole register (was: load the session's marks, track 500 entities, write them back). It also
        // makes two people saving the same register at once safe: the later save wins instead of a unique violation.
        // The last mark for an enrolment wins when one is sent twice, as before.
        var last = marks.GroupBy(m => m.EnrollmentId).Select(g => g.Last()).ToList();
        var enrollmentIds = last.Select(m => m.EnrollmentId).ToArray();
        var statuses = last.Select(m => m.Status.ToString()).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into attendance (session_id, enrollment_id, status, recorded_at)
            select {sessionId}, e, s, {now} from unnest({enrollmentIds}, {statuses}) as t(e, s)
            on conflict (session_id, enrollment_id) do update set status = excluded.status, recorded_at = excluded.recorded_at
            """, ct);
    }

    /// <summary>Closes the cohort: each seated enrolment's completion is computed by the course rule and stored.</summary>
    public async Task CloseAsync(long cohortId, DateTime now, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cohort = await LockAsync(cohortId, ct);
        var course = await db.Courses.SingleAsync(c => c.Id == cohort.CourseId, ct);
        cohort.Close(now);
        var sessions = await db.TrainingSessions.CountAsync(s => s.CohortId == cohortId, ct);
        var attended = await db.Enrollments.Where(e => e.CohortId == cohortId && e.Status == EnrollmentStatus.Enrolled)
            .Select(e => new { e.Id, Attended = e.Attendance.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late) })
            .ToDictionaryAsync(x => x.Id, x => x.Attended, ct);
        var enrollments = await db.Enrollments.Where(e => e.CohortId == cohortId && e.Status == EnrollmentStatus.Enrolled).ToListAsync(ct);
        foreach (var e in enrollments)
        {
            var result = course.Rule.Evaluate(sessions, attended.GetValueOrDefault(e.Id), e.AssessmentScore);
            e.Completed = result.Completed;
            e.AttendedSessions = result.Attended;
            e.SessionCount = sessions;
            e.CompletionFixedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<Cohort> LockAsync(long cohortId, CancellationToken ct)
    {
        var locked = await db.Database.SqlQuery<long>($"select id as \"Value\" from cohorts where id = {cohortId} for update").ToListAsync(ct);
        if (locked.Count == 0) throw new NotFoundException("Cohort not found");
        return await db.Cohorts.SingleOrDefaultAsync(c => c.Id == cohortId, ct) ?? throw new NotFoundException("Cohort not found");
    }
}
