using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Pages.Privacy;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>What every instance does once before it serves: the schema, the conversions, the roles, the jobs.</summary>
public static class PortalStartup
{
    /// <summary>The schema and what SQL alone cannot convert. Every instance runs it; advisory locks make that safe.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, PortalDatabase database)
    {
        // No national-ID keys, no portal (PDPA): a clear message rather than a failure at the first trainee saved.
        try { app.Services.GetRequiredService<NationalIdProtector>(); }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await database.DisposeAsync();
            throw;
        }
        await Migrator.MigrateAsync(database.ConnectionString, app.Logger);
        // Conversions that need the app's keys (0011 plain IDs, 0017 row binding and hashed reminder keys): once,
        // then free.
        await PrivacyStartup.RunAsync(app.Services, database.ConnectionString);
        await JobSchema.InstallAsync(database.ConnectionString);
        await RoleSetup.EnsureRolesAsync(app.Services);
    }

    /// <summary>The recurring jobs, and in Development only the demo data (never elsewhere, whatever Demo:Seed says).</summary>
    public static async Task StartAsync(WebApplication app)
    {
        RecurringJobs.Register(app.Services);
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("Demo:Seed", true)) return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
