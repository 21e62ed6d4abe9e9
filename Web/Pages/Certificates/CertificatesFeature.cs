using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>Certificates: issuing (a job per cohort), public verification, revoke and re-issue, participants' own downloads.</summary>
public sealed class CertificatesFeature : IPortalFeature
{
    public IEnumerable<NavItem> Navigation => [new("My certificates", "/Certificates/My", 240, Roles.Participant)];

    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CertificateQueries>();
        services.AddScoped<CertificatePdfs>();
        services.AddScoped<CertificateMails>();
        services.AddScoped<CertificateZip>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateRevisions>();
        services.AddScoped<ParticipantInvitations>();
    }

    public sealed record CertificateFacts(
        string Code,
        CertificateStatus Status,
        string HolderName,
        string Course,
        string Cohort,
        DateOnly IssuedOn,
        string? SupersededBy,
        bool HolderErased = false);
    public sealed record MyCertificate(
        long Id,
        string Code,
        CertificateStatus Status,
        string HolderName,
        string Course,
        string Cohort,
        DateOnly IssuedOn,
        string PdfUrl);
    public sealed record BatchStarted(long BatchId, int Total, bool AlreadyRunning);
    public sealed record BatchDto(long BatchId, long CohortId, CertificateBatchStatus Status, int Total, int Done, string? Error, bool HasZip);
    public sealed record RevokeRequest(string? Reason);

    public void MapApi(RouteGroupBuilder api)
    {
        api.MapGet("/certificates/{code}", Get).AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("Public: the facts of a certificate by its code (case and dashes do not matter); 404 when unknown.");
        api.MapGet("/certificates/{code}/pdf", Pdf).AllowAnonymous().WithSummary("The stored PDF, for staff and the holder only (404 for everyone else).");
        api.MapGet("/certificates/by-id/{id:long}/pdf", PdfById).AllowAnonymous()
            .WithSummary("The stored PDF by certificate id, for staff and the holder only.");
        api.MapPost("/cohorts/{id:long}/certificates", Issue).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Issues certificates for every completed enrolment without one, as a job: 202 with the batch and job ids.");
        api.MapGet("/certificate-batches/{id:long}", Batch).RequireAuthorization(PortalAuth.StaffPolicy).WithSummary("An issuing job's progress.");
        api.MapGet("/certificate-batches/{id:long}/zip", Zip).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("The ZIP of the cohort's certificates the job built.");
        api.MapGet("/me/certificates", Mine).RequireAuthorization().WithSummary("The signed-in participant's own certificates.");
        api.MapPost("/certificates/{code}/revoke", Revoke).RequireAuthorization(PortalAuth.StaffPolicy)
            .WithSummary("Revokes a certificate: {\"reason\"} required (400 without).");
    }

    private static async Task<Results<Ok<CertificateFacts>, ProblemHttpResult>> Get(string code, CertificateQueries queries)
    {
        var c = await queries.VerifyAsync(code);
        if (c is null) return ApiErrors.NotFound("Certificate not found");
        return TypedResults.Ok(new CertificateFacts(
            c.Code, c.Status, c.HolderErased ? "" : c.HolderName, c.Course, c.Cohort, c.IssuedOn, c.SupersededBy,
            c.HolderErased));
    }

    // Staff and the holder only; everyone else (signed out, other participants, partners) gets 404, not a hint that it exists.
    private static bool MaySee(HttpContext http) => http.User.Identity?.IsAuthenticated == true && (http.User.IsStaff() || http.User.TraineeId() is not null);

    private static async Task<IResult> Pdf(string code, HttpContext http, AppDbContext db)
    {
        var normalized = CertificateCode.Normalize(code);
        if (normalized is null || !MaySee(http)) return ApiErrors.NotFound("Certificate not found");
        // The query filter limits a participant to their own certificates and a partner to none.
        var c = await db.Certificates.AsNoTracking().Where(x => x.Code == normalized).Select(x => new { x.Code, x.HolderName, x.Pdf }).SingleOrDefaultAsync();
        if (c?.Pdf is null) return ApiErrors.NotFound("Certificate not found");
        return TypedResults.File(c.Pdf, "application/pdf", CertificateZip.FileName(c.HolderName, c.Code));
    }

    private static async Task<IResult> PdfById(long id, HttpContext http, AppDbContext db)
    {
        if (!MaySee(http)) return ApiErrors.NotFound("Certificate not found");
        var c = await db.Certificates.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Code, x.HolderName, x.Pdf }).SingleOrDefaultAsync();
        if (c?.Pdf is null) return ApiErrors.NotFound("Certificate not found");
        return TypedResults.File(c.Pdf, "application/pdf", CertificateZip.FileName(c.HolderName, c.Code));
    }

    // A cohort that is not closed (RuleViolation, 409) or unknown (NotFound, 404): the API's exception handler answers.
    private static async Task<Accepted<BatchStarted>> Issue(long id, CertificateIssuer issuer, IBackgroundJobClient jobs, TimeProvider clock)
    {
        var (batch, started) = await IssueCertificatesJob.StartAsync(issuer, jobs, clock, id, null);
        return TypedResults.Accepted($"/api/v1/certificate-batches/{batch.Id}", new BatchStarted(batch.Id, batch.Total, !started));
    }

    private static async Task<Results<Ok<BatchDto>, ProblemHttpResult>> Batch(long id, AppDbContext db)
    {
        var b = await db.CertificateBatches.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new BatchDto(b.Id, b.CohortId, b.Status, b.Total, b.Done, b.Error, b.Zip != null)).SingleOrDefaultAsync();
        return b is null ? ApiErrors.NotFound() : TypedResults.Ok(b);
    }

    private static async Task<IResult> Zip(long id, AppDbContext db)
    {
        var b = await db.CertificateBatches.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.Zip, b.CohortId }).SingleOrDefaultAsync();
        if (b?.Zip is null) return ApiErrors.NotFound();
        return TypedResults.File(b.Zip, "application/zip", $"certificates-cohort-{b.CohortId}.zip");
    }

    private static async Task<Ok<List<MyCertificate>>> Mine(HttpContext http, AppDbContext db)
    {
        var traineeId = http.User.TraineeId();
        if (traineeId is null) return TypedResults.Ok(new List<MyCertificate>());
        var rows = await db.Certificates.AsNoTracking().Where(c => c.TraineeId == traineeId).OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .Select(c => new MyCertificate(
                c.Id, c.Code, c.Status, c.HolderName, c.CourseTitle, c.CohortName, c.IssuedOn,
                "/api/v1/certificates/" + c.Code + "/pdf"))
            .ToListAsync();
        return TypedResults.Ok(rows);
    }

    // Unknown code (404) or already revoked (409): the API's exception handler answers.
    private static async Task<Results<Ok<CertificateFacts>, ValidationProblem>> Revoke(string code, RevokeRequest? request,
        CertificateRevisions revisions)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason)) return ApiErrors.Validation("reason", "A reason is required to revoke a certificate.");
        var c = await revisions.RevokeAsync(code, request.Reason);
        return TypedResults.Ok(new CertificateFacts(c.Code, c.Status, c.HolderName, c.CourseTitle, c.CohortName, c.IssuedOn, null));
    }
}
