using Hangfire;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Hangfire's dashboard at /jobs, for admins only: the portal's own authorization policy, so others get the same
/// sign-in redirect or access-denied page as on any admin page. Antiforgery stays on (the dashboard uses the app's
/// IAntiforgery for its buttons); the job store's connection string is never shown.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/jobs";

    private static readonly Lazy<bool> Accessible = new(() =>
    {
        // Process-wide routes in Hangfire: registered once however many hosts (tests start many) map the dashboard.
        var assembly = typeof(JobDashboard).Assembly;
        GlobalConfiguration.Configuration.UseDashboardStylesheet(assembly, "dashboard/JobDashboard.css")
            .UseDashboardJavaScript(assembly, "dashboard/JobDashboard.js");
        return true;
    });

    public static void MapJobDashboard(this IEndpointRouteBuilder app)
    {
        _ = Accessible.Value;
        app.MapHangfireDashboardWithAuthorizationPolicy(PortalAuth.AdminPolicy, Path, new DashboardOptions
        {
            DashboardTitle = "PartnerPrograms — jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
            StatsPollingInterval = 5000,
        });
    }
}
