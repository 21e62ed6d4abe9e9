using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Web.Pages.Reminders;

/// <summary>Reminders and e-mail: the admin run/outbox API, each user's calendar feed, settings navigation.</summary>
public sealed class ReminderFeature : IPortalFeature
{
    public IEnumerable<NavItem> Navigation => [new("Settings", "/Admin/Settings", 930, Roles.Admin) { Menu = NavMenus.Administration }];

    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<CalendarFeeds>();

    public void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/admin/reminders/run", RunReminders).RequireAuthorization(PortalAuth.AdminPolicy)
            .WithSummary("Runs today's reminder jobs now; returns what they queued and what had already been sent.");
        api.MapGet("/admin/outbox", Outbox).RequireAuthorization(PortalAuth.AdminPolicy);
        api.MapGet("/me/calendar-url", CalendarUrl).RequireAuthorization()
            .WithSummary("The caller's secret iCalendar feed address (action due dates and training sessions).");
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
        // RFC 8058 one-click unsubscribe, the List-Unsubscribe header's address: the mail client posts without a cookie
        // or a page, so there is no antiforgery token to check; the signed token in the address is the proof.
        app.MapPost("/unsubscribe/one-click", OneClickUnsubscribe).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
        // A client without one-click support opens the header's address in a browser: show the confirmation page.
        app.MapGet("/unsubscribe/one-click", (string? t) => Results.Redirect("/Unsubscribe?token=" + Uri.EscapeDataString(t ?? "")))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
    }

    public sealed record RunResult(int Queued, int SkippedAsAlreadySent);
    public sealed record OutboxItem(long Id, string To, string? Cc, string Subject, string Language, string Status, int Attempts,
        DateTime NextAttemptAt, string? LastError, DateTime CreatedAt, DateTime? SentAt);
    public sealed record CalendarUrlResponse(string Url);

    private static async Task<Ok<RunResult>> RunReminders(ReminderRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var result = await runner.RunAsync(Dates.TodayInBangkok(clock), ct);
        return TypedResults.Ok(new RunResult(result.Queued, result.SkippedAsAlreadySent));
    }

    private static async Task<Results<Ok<List<OutboxItem>>, ValidationProblem>> Outbox(string? status, AppDbContext db)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var s))
                return ApiErrors.Validation("status", "Use pending, sending, sent or failed.");
            query = query.Where(m => m.Status == s);
        }
        return TypedResults.Ok(await query.OrderByDescending(m => m.Id).Take(500)
            .Select(m => new OutboxItem(m.Id, m.To, m.Cc, m.Subject, m.Language, m.Status.ToString().ToLowerInvariant(), m.Attempts,
                m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt)).ToListAsync());
    }

    /// <summary>
    /// Turns the token's kind of reminder off for its user when the body is exactly what RFC 8058 prescribes
    /// ("List-Unsubscribe=One-Click"); anything else, or a token that does not verify, changes nothing (400).
    /// </summary>
    private static async Task<IResult> OneClickUnsubscribe(HttpRequest request, string? t, UnsubscribeLinks links, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasFormContentType) return TypedResults.BadRequest();
        var form = await request.ReadFormAsync(ct);
        if (form["List-Unsubscribe"] != "One-Click" || !links.TryRead(t, out var userId, out var kind)) return TypedResults.BadRequest();
        var kindText = kind.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement: a second post (clients retry) or two at once end in the same single row.
        var changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into notification_preferences (user_id, kind, enabled, updated_at)
            select id, {kindText}, false, {now} from users where id = {userId}
            on conflict (user_id, kind) do update set enabled = false, updated_at = excluded.updated_at
            """, ct);
        return changed == 0 ? TypedResults.BadRequest() : TypedResults.Ok();
    }

    private static async Task<Ok<CalendarUrlResponse>> CalendarUrl(HttpContext http, CalendarFeeds feeds) =>
        TypedResults.Ok(new CalendarUrlResponse(await feeds.UrlAsync(http.User.UserId()!.Value)));

    private static async Task<IResult> Feed(string token, CalendarFeeds feeds, IEnumerable<ICalendarEventSource> sources,
        TimeProvider clock, CancellationToken ct)
    {
        var userId = await feeds.ResolveAsync(token);
        if (userId is null) return TypedResults.NotFound();
        var events = new List<CalendarEvent>();
        foreach (var source in sources) events.AddRange(await source.ForUserAsync(userId.Value, ct));
        var body = ICalendar.Write("PartnerPrograms", events, clock.GetUtcNow().UtcDateTime);
        return Results.Text(body, "text/calendar; charset=utf-8");
    }
}
