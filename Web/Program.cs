using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Scheduling;

// The portal: one program for the web instances, the job server (Jobs:Server) and the operator's commands
// (CommandLine). Each concern registers itself in its *Setup class; each feature folder in its IPortalFeature.
var builder = WebApplication.CreateBuilder(args);
var cli = CommandLine.Parse(args);
ProductionChecks.EnsureSafeToStart(builder.Configuration, builder.Environment);

// A configured server, or our own PostgreSQL in a data folder kept between runs.
var database = await DatabaseSetup.ResolveAsync(builder.Configuration, builder.Environment);
if (await CommandLine.RunBeforeStartAsync(cli, database)) return;

var config = builder.Configuration;
builder.Services
    .AddPortalDatabase(database, config)
    .AddPortalIdentity(config)
    .AddPortalWeb(config, builder.Environment)
    .AddPortalEmail(config, Path.Combine(DatabaseSetup.RepositoryDataRoot(builder.Environment), "mail"))
    .AddPortalDocuments()
    .AddPortalJobs(config, database.ConnectionString)
    .AddPortalFeatures(config)
    // No national ID or e-mail address reaches a log in full (PDPA): every provider is wrapped, whatever registered it.
    .AddLogRedaction();

var app = builder.Build();

if (cli.NeedsSchema) await PortalStartup.PrepareDatabaseAsync(app, database);
if (cli.Verb is not null)
{
    Environment.ExitCode = await CommandLine.RunAsync(cli, app.Services);
    await database.DisposeAsync();
    return;
}
await PortalStartup.StartAsync(app);

if (QueryCounter.Enabled(config)) QueryCounter.UseQueryCounting(app);
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    // An upload over the size limit is the client's doing: 413 with its own message, not "something went wrong".
    StatusCodeSelector = PortalExceptionHandler.StatusFor,
});
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UsePortalReverseProxy();
app.UseSecurityHeaders();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseApiStatusCodes();
app.UseRequestSizeGuard();
app.UseAuthentication();
// After authentication: the PDF limit counts per signed-in user (the others per client address).
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapHealthEndpoint();
app.MapGroup("/api/v1").WithTags("PartnerPrograms").AddEndpointFilter<ApiNoCacheFilter>().MapPortalFeatureApis();
app.MapPortalFeatureEndpoints();
app.MapJobDashboard();
app.MapRazorPages();

app.Run();

public partial class Program;
