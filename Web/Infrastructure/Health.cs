using Npgsql;
using PartnerPrograms.Domain.Database;

namespace PartnerPrograms.Web.Infrastructure;

public static class HealthEndpoint
{
    /// <summary>200 when the database answers and every migration is applied; 503 otherwise. JSON either way.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) => app.MapGet("/health", async (PortalDatabase db, CancellationToken ct) =>
    {
        try
        {
            await using var conn = new NpgsqlConnection(db.ConnectionString);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await conn.OpenAsync(timeout.Token);
            var pending = await Migrator.PendingAsync(conn, timeout.Token);
            return pending.Count == 0
                ? Results.Json(new { status = "healthy", database = "up", migrations = "current" })
                : Results.Json(new { status = "unhealthy", database = "up", migrations = "pending", pending }, statusCode: 503);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return Results.Json(new { status = "unhealthy", database = "down" }, statusCode: 503);
        }
    }).AllowAnonymous().ExcludeFromDescription();
}
