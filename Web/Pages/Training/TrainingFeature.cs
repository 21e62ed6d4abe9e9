using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Pages.Trainees;

namespace PartnerPrograms.Web.Pages.Training;

/// <summary>Courses, cohorts, sessions, trainees, enrolment and attendance: navigation, services and /api/v1 endpoints.</summary>
public sealed class TrainingFeature : IPortalFeature
{
    public IEnumerable<NavItem> Navigation =>
    [
        new("Cohorts", "/Training/Cohorts", 200, Roles.Staff, Roles.Admin, Roles.Partner) { Menu = NavMenus.Training },
        new("Courses", "/Training/Courses", 210, Roles.Staff, Roles.Admin) { Menu = NavMenus.Training },
        new("Trainees", "/Trainees", 220, Roles.Staff, Roles.Admin) { Menu = NavMenus.Training },
        new("My training", "/Training/My", 230, Roles.Participant),
    ];

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<TrainingCommands>();
        services.AddScoped<TraineeImporter>();
    }

    public void MapApi(RouteGroupBuilder api)
    {
        api.MapGet("/courses", Courses).RequireAuthorization().WithSummary("The course catalogue.");
        api.MapGet("/cohorts", Cohorts).RequireAuthorization()
            .WithSummary("Cohorts the caller may see; filters status, courseId, province (Thai, English or code); paged.");
        api.MapGet("/cohorts/{id:long}", Cohort).RequireAuthorization().WithSummary("A cohort with its sessions.");
        api.MapGet("/cohorts/{id:long}/roster", Roster).RequireAuthorization()
            .WithSummary("Enrolments with attendance and completion (staff, and partners delivering the cohort).");
        api.MapPost("/cohorts/{id:long}/enrollments", Enroll).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Enrols a trainee: 201 enrolled, or status waitlisted when the cohort is full; 409 if already in it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/enrollments/{id:long}/withdraw", Withdraw).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Withdraws an enrolment; the first on the waitlist takes the seat.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/trainees", CreateTrainee).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Registers a trainee: 201 with id; 400 naming the field; 409 with existingTraineeId for a known national ID.");
        api.MapGet("/trainees/{id:long}", GetTrainee).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("A trainee (national ID masked) and their cohorts.");
        api.MapPut("/sessions/{id:long}/attendance", PutAttendance).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Records attendance for a session: [{enrollmentId, status: present|late|excused|absent}]; " +
                "before the session starts only excused (400 naming \"status\").")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record CourseDto(
        long Id,
        string TitleTh,
        string? TitleEn,
        string? Description,
        string[] Syllabus,
        decimal Hours,
        int MinAttendancePercent,
        decimal? PassMark);
    public sealed record CohortSummary(long Id, long CourseId, string CourseTitle, string Name, CohortStatus Status, DateOnly? StartDate, DateOnly? EndDate,
        bool IsOnline, string? Province, int Capacity, int Enrolled, int Waitlisted);
    public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
    public sealed record PartnerDto(long Id, string Name);
    public sealed record SessionDto(long Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Topic, string? Place);
    public sealed record CohortDetail(long Id, long CourseId, string CourseTitle, string Name, CohortStatus Status, long? MouId, bool IsOnline, string? Venue,
        string? Province, DateOnly? StartDate, DateOnly? EndDate, int Capacity, string? Instructors, int Enrolled, int Waitlisted,
        IReadOnlyList<PartnerDto> Partners, IReadOnlyList<SessionDto> Sessions);
    public sealed record AttendanceSummary(int Present, int Late, int Excused, int Absent, int Attended, int Sessions, int Percent);
    public sealed record RosterEntry(
        long EnrollmentId,
        long TraineeId,
        string Name,
        EnrollmentStatus Status,
        AttendanceSummary Attendance,
        bool Completed,
        string Reason);
    public sealed record EnrollRequest(long TraineeId);
    public sealed record EnrollResponse(long EnrollmentId, long TraineeId, EnrollmentStatus Status);
    public sealed record AttendanceMark(long EnrollmentId, AttendanceStatus Status);
    public sealed record IdResponse(long Id);
    public sealed record TraineeDto(long Id, string? Title, string FirstName, string LastName, string? FirstNameEn, string? LastNameEn, string NationalIdMasked,
        DateOnly? BirthDate, string? Phone, string? Email, string? LineId, string? Province, string? Community, DateTime? PdpaConsentAt,
        IReadOnlyList<TraineeCohortDto> Cohorts);
    public sealed record TraineeCohortDto(long CohortId, string CohortName, string CourseTitle, EnrollmentStatus Status, bool? Completed);

    private static async Task<Ok<List<CourseDto>>> Courses(AppDbContext db)
    {
        var rows = await db.Courses.AsNoTracking().OrderBy(c => c.TitleTh).ToListAsync();
        return TypedResults.Ok(rows.Select(c => new CourseDto(c.Id, c.TitleTh, c.TitleEn, c.Description, c.SyllabusTopics.ToArray(), c.Hours,
            c.MinAttendancePercent, c.PassMark)).ToList());
    }

    private static async Task<Results<Ok<PagedList<CohortSummary>>, ValidationProblem>> Cohorts(
        AppDbContext db,
        string? status,
        long? courseId,
        string? province,
        int page = 1,
        int pageSize = 50)
    {
        var query = db.Cohorts.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<CohortStatus>(status, ignoreCase: true, out var s)) return ApiErrors.Validation("status", "Unknown status.");
            query = query.Where(c => c.Status == s);
        }
        if (courseId is { } cid) query = query.Where(c => c.CourseId == cid);
        if (!string.IsNullOrEmpty(province))
        {
            var p = ThaiProvinces.Find(province);
            if (p is null) return ApiErrors.Validation("province", "Unknown province.");
            query = query.Where(c => c.Province == p.NameTh);
        }
        pageSize = QueryLimits.PageSize(pageSize, 50, 200);
        page = QueryLimits.Page(page);
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(c => c.StartDate).ThenBy(c => c.Id).Skip(QueryLimits.Offset(page, pageSize)).Take(pageSize)
            .Select(c => new CohortSummary(c.Id, c.CourseId, c.Course.TitleTh, c.Name, c.Status, c.StartDate, c.EndDate, c.IsOnline, c.Province, c.Capacity,
                c.Enrollments.Count(e => e.Status == EnrollmentStatus.Enrolled), c.Enrollments.Count(e => e.Status == EnrollmentStatus.Waitlisted)))
            .ToListAsync();
        return TypedResults.Ok(new PagedList<CohortSummary>(items, total, page, pageSize));
    }

    private static async Task<Results<Ok<CohortDetail>, ProblemHttpResult>> Cohort(long id, AppDbContext db)
    {
        var c = await db.Cohorts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.CourseId,
                Course = c.Course.TitleTh,
                c.Name,
                c.Status,
                c.MouId,
                c.IsOnline,
                c.Venue,
                c.Province,
                c.StartDate,
                c.EndDate,
                c.Capacity,
                c.Instructors,
                Enrolled = c.Enrollments.Count(e => e.Status == EnrollmentStatus.Enrolled),
                Waitlisted = c.Enrollments.Count(e => e.Status == EnrollmentStatus.Waitlisted),
                Partners = db.CohortPartners.Where(p => p.CohortId == c.Id)
                    .Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new PartnerDto(o.Id, o.NameTh))
                    .ToList(),
                Sessions = c.Sessions.OrderBy(s => s.Date)
                    .ThenBy(s => s.StartTime)
                    .Select(s => new SessionDto(s.Id, s.Date, s.StartTime, s.EndTime, s.Topic, s.Place))
                    .ToList(),
            }).SingleOrDefaultAsync();
        if (c is null) return ApiErrors.NotFound();
        return TypedResults.Ok(new CohortDetail(c.Id, c.CourseId, c.Course, c.Name, c.Status, c.MouId, c.IsOnline, c.Venue, c.Province, c.StartDate, c.EndDate,
            c.Capacity, c.Instructors, c.Enrolled, c.Waitlisted, c.Partners, c.Sessions));
    }

    private static async Task<Results<Ok<List<RosterEntry>>, ProblemHttpResult>> Roster(long id, HttpContext http, AppDbContext db)
    {
        if (http.User.IsInRole(Roles.Participant)) return ApiErrors.NotFound();
        var header = await db.Cohorts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Course.MinAttendancePercent, c.Course.PassMark, Sessions = c.Sessions.Count() }).SingleOrDefaultAsync();
        if (header is null) return ApiErrors.NotFound();
        var rule = new CompletionRule(header.MinAttendancePercent, header.PassMark);
        var rows = await db.RosterAsync(id);
        return TypedResults.Ok(rows.Select(r =>
        {
            var result = r.Completion(rule, header.Sessions);
            var reason = string.Format(System.Globalization.CultureInfo.InvariantCulture, result.ReasonKey, result.ReasonArgs(rule));
            return new RosterEntry(r.EnrollmentId, r.TraineeId, r.Name, r.Status,
                new AttendanceSummary(r.Present, r.Late, r.Excused, r.Absent, result.Attended, result.Sessions, result.Percent),
                r.Status == EnrollmentStatus.Enrolled && result.Completed, reason);
        }).ToList());
    }

    private static async Task<Results<Created<EnrollResponse>, ValidationProblem>> Enroll(long id, EnrollRequest? request,
        TrainingCommands commands, TimeProvider clock)
    {
        if (request is null || request.TraineeId <= 0) return ApiErrors.Validation("traineeId", "The trainee is required.");
        // A refused enrolment (closed cohort, already in it) is 409 and an unknown cohort or trainee 404, by the
        // portal's exception handler.
        var result = await commands.EnrollAsync(id, request.TraineeId, clock.GetUtcNow().UtcDateTime);
        return TypedResults.Created($"/api/v1/cohorts/{id}/roster", new EnrollResponse(result.EnrollmentId, request.TraineeId, result.Status));
    }

    private static async Task<Ok<long[]>> Withdraw(long id, TrainingCommands commands, TimeProvider clock) =>
        TypedResults.Ok((await commands.WithdrawAsync(id, clock.GetUtcNow().UtcDateTime)).ToArray());

    private static async Task<Results<Created<IdResponse>, ProblemHttpResult, ValidationProblem>> CreateTrainee(TraineeFields? input, HttpContext http,
        AppDbContext db, TimeProvider clock, PartnerPrograms.Domain.Privacy.NationalIdProtector nationalIds)
    {
        if (input is null) return ApiErrors.Validation("body", "A JSON body is required.");
        var errors = input.Validate(out var clean);
        if (errors.Count > 0) return ApiErrors.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        var hash = nationalIds.Hash(clean.NationalId);
        var existing = await db.Trainees.Where(t => t.NationalIdHash == hash).Select(t => (long?)t.Id).SingleOrDefaultAsync();
        if (existing is { } known) return DuplicateId(known);
        var now = clock.GetUtcNow().UtcDateTime;
        var trainee = new Trainee { CreatedAt = now };
        clean.ApplyTo(trainee, http.User.DisplayName(), now);
        db.Trainees.Add(trainee);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            var id = await db.Trainees.Where(t => t.NationalIdHash == hash).Select(t => t.Id).SingleAsync();
            return DuplicateId(id);
        }
        return TypedResults.Created($"/api/v1/trainees/{trainee.Id}", new IdResponse(trainee.Id));
    }

    public static ProblemHttpResult DuplicateId(long existingId) => TypedResults.Problem(title: "Conflict",
        detail: "A trainee with this national ID is already registered.", statusCode: 409,
        extensions: new Dictionary<string, object?> { ["existingTraineeId"] = existingId });

    private static async Task<Results<Ok<TraineeDto>, ProblemHttpResult>> GetTrainee(long id, AppDbContext db)
    {
        var t = await db.Trainees.AsNoTracking().Where(t => t.Id == id).Select(t => new
        {
            t.Id,
            t.Title,
            t.FirstName,
            t.LastName,
            t.FirstNameEn,
            t.LastNameEn,
            t.NationalIdMasked,
            t.BirthDate,
            t.Phone,
            t.Email,
            t.LineId,
            t.Province,
            t.Community,
            t.PdpaConsentAt,
            Cohorts = t.Enrollments.OrderByDescending(e => e.Cohort.StartDate)
                .Select(e => new TraineeCohortDto(e.CohortId, e.Cohort.Name, e.Cohort.Course.TitleTh, e.Status, e.Completed)).ToList(),
        }).SingleOrDefaultAsync();
        if (t is null) return ApiErrors.NotFound();
        return TypedResults.Ok(new TraineeDto(t.Id, t.Title, t.FirstName, t.LastName, t.FirstNameEn, t.LastNameEn, t.NationalIdMasked ?? "–", t.BirthDate,
            t.Phone, t.Email, t.LineId, t.Province, t.Community, t.PdpaConsentAt, t.Cohorts));
    }

    private static async Task<Results<NoContent, ValidationProblem>> PutAttendance(long id, List<AttendanceMark>? marks,
        TrainingCommands commands, TimeProvider clock)
    {
        if (marks is null || marks.Count == 0) return ApiErrors.Validation("attendance", "Send at least one {enrollmentId, status}.");
        if (marks.Any(m => !Enum.IsDefined(m.Status))) return ApiErrors.Validation("status", "Unknown attendance status.");
        // Marks of enrolments outside the session's cohort, or of a closed cohort, are 400 naming "enrollmentId";
        // present, late or absent before the session starts are 400 naming "status".
        await commands.RecordAttendanceAsync(id, marks.Select(m => (m.EnrollmentId, m.Status)).ToList(), clock.GetUtcNow().UtcDateTime);
        return TypedResults.NoContent();
    }
}
