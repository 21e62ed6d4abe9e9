using Npgsql;

namespace PartnerPrograms.Web.Infrastructure;

public static class HealthEndpoint
{
    /// <summary>
    /// 200 when the database answers and every migration is applied; 503 otherwise. A load balancer (anonymous) gets
    /// only {"status":"healthy"} or {"status":"unhealthy"}; which part is down and which migrations are pending tell an
    /// attacker what version runs, so only an admin (cookie or token) sees them.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (HttpContext http, PortalDatabase db, CancellationToken ct) =>
        {
            var details = http.User.IsInRole(Roles.Admin);
            try
            {
                await using var conn = new NpgsqlConnection(db.ConnectionString);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await conn.OpenAsync(timeout.Token);
                var pending = await Migrator.PendingAsync(conn, timeout.Token);
                if (!details) return pending.Count == 0 ? Healthy : Unhealthy;
                return pending.Count == 0
                    ? Results.Json(new { status = "healthy", database = "up", migrations = "current" })
                    : Results.Json(new { status = "unhealthy", database = "up", migrations = "pending", pending }, statusCode: 503);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return details ? Results.Json(new { status = "unhealthy", database = "down" }, statusCode: 503) : Unhealthy;
            }
        }).AllowAnonymous().ExcludeFromDescription();

    private static readonly IResult Healthy = Results.Json(new { status = "healthy" });
    private static readonly IResult Unhealthy = Results.Json(new { status = "unhealthy" }, statusCode: 503);
}
