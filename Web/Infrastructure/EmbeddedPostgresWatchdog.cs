using Npgsql;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A single-host install looks after its own database: every few seconds it checks that the embedded postmaster is
/// alive, and when it died (crash, OOM kill, kill -9) starts it again on the same port, where PostgreSQL replays its
/// WAL, so every committed write is back. Failed restarts are retried with back-off (1, 2, 4 … 60 s). /health
/// answers 503 meanwhile and 200 again once the server is back, without restarting the portal.
/// </summary>
public sealed class EmbeddedPostgresWatchdog(PortalDatabase database, IConfiguration config, ILogger<EmbeddedPostgresWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Embedded is not { } server) return;
        var interval = TimeSpan.FromSeconds(Math.Max(0.2, config.GetValue("EmbeddedPostgres:WatchSeconds", 2.0)));
        var failures = 0;
        DateTime? downSince = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = failures == 0 ? interval : Min(TimeSpan.FromSeconds(Math.Pow(2, failures - 1)), MaxBackoff);
                await Task.Delay(wait, stoppingToken);
                if (server.IsRunning) continue;

                downSince ??= DateTime.UtcNow;
                if (failures == 0)
                    logger.LogError("The embedded PostgreSQL in {DataDirectory} is not running; restarting it on port {Port}",
                        server.DataDirectory, server.Port);
                try
                {
                    await server.RecoverAsync(stoppingToken);
                    // Idle pooled connections point at the dead server: drop them rather than fail one request each.
                    NpgsqlConnection.ClearAllPools();
                    logger.LogWarning(
                        "The embedded PostgreSQL in {DataDirectory} is running again on port {Port} " +
                        "after {Seconds:F1} s down ({Attempts} attempt(s))",
                        server.DataDirectory, server.Port, (DateTime.UtcNow - downSince.Value).TotalSeconds, failures + 1);
                    failures = 0;
                    downSince = null;
                }
                catch (EmbeddedPostgresException e)
                {
                    failures++;
                    logger.LogError("Restarting the embedded PostgreSQL failed (attempt {Attempt}), trying again in {Seconds} s: {Reason}",
                        failures, Min(TimeSpan.FromSeconds(Math.Pow(2, failures - 1)), MaxBackoff).TotalSeconds, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
