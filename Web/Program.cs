using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Pages.Account;

var builder = WebApplication.CreateBuilder(args);
var cli = CommandLine.Parse(args);
ProductionChecks.EnsureSafeToStart(builder.Configuration, builder.Environment);

// ---- Database: a configured server, or our own PostgreSQL in a data folder kept between runs.
var database = await DatabaseSetup.ResolveAsync(builder.Configuration, builder.Environment);
if (await CommandLine.RunBeforeStartAsync(cli, database)) return;
builder.Services.AddPortalDatabase(database, builder.Configuration);
builder.Services.AddScoped<IDataScope, HttpDataScope>();
var countQueries = QueryCounter.Enabled(builder.Configuration);
builder.Services.AddSingleton<QueryCounter>();
// The options depend on singletons only, so they are built once (a singleton) rather than on every request; the
// context itself stays scoped and unpooled (it reads the request's data scope).
builder.Services.AddDbContext<AppDbContext>((sp, o) =>
{
    o.UseNpgsql(database.ConnectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
    // National IDs are encrypted on every save (Domain/Privacy); the plain value is never a mapped column.
    o.AddInterceptors(sp.GetRequiredService<PartnerPrograms.Domain.Privacy.NationalIdSealingInterceptor>());
    if (countQueries) o.AddInterceptors(sp.GetRequiredService<QueryCounter>());
}, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<PartnerPrograms.Web.Infrastructure.FigureCache>();
builder.Services.AddHttpContextAccessor();

// ---- Identity: cookies for pages, personal Bearer tokens for /api/v1.
builder.Services.AddIdentity<AppUser, AppRole>(o =>
    {
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<PortalClaimsFactory>()
    .AddPortalPasswordsAndLockout(builder.Configuration);
builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
// A disabled or re-roled user is signed out everywhere within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "pp.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.Events.OnRedirectToLogin = ctx => ApiErrors.RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => ApiErrors.RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
});
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
    .AddPolicyScheme(PortalAuth.SmartScheme, null, o => o.ForwardDefaultSelector = PortalAuth.SelectScheme);
builder.Services.Configure<AuthenticationOptions>(o =>
{
    o.DefaultScheme = PortalAuth.SmartScheme;
    o.DefaultAuthenticateScheme = PortalAuth.SmartScheme;
    o.DefaultChallengeScheme = PortalAuth.SmartScheme;
    o.DefaultForbidScheme = PortalAuth.SmartScheme;
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PortalAuth.StaffPolicy, p => p.RequireRole(Roles.Staff, Roles.Admin))
    .AddPolicy(PortalAuth.AdminPolicy, p => p.RequireRole(Roles.Admin))
    .AddPolicy(PortalAuth.PartnerPolicy, p => p.RequireRole(Roles.Partner))
    .AddPolicy(PortalAuth.ParticipantPolicy, p => p.RequireRole(Roles.Participant))
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

// ---- Data protection keys in PostgreSQL, so every instance reads the same key ring (shared sign-ins).
builder.Services.AddDataProtection().SetApplicationName("PartnerPrograms");
builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, DatabaseKeyRingSetup>();

// ---- Pages, API, localisation.
builder.Services.AddPortalLocalization();
// Thai text is written as-is rather than as numeric entities: readable pages, a third of the bytes.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.BasicLatin,
        System.Text.Unicode.UnicodeRanges.Latin1Supplement, System.Text.Unicode.UnicodeRanges.Thai, System.Text.Unicode.UnicodeRanges.GeneralPunctuation));
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/Admin", PortalAuth.AdminPolicy);
        o.Conventions.AllowAnonymousToFolder("/Account");
        o.Conventions.AuthorizeFolder("/Account/Manage");
        o.Conventions.AllowAnonymousToPage("/Error");
        o.Conventions.AllowAnonymousToPage("/Index");
    })
    .AddViewLocalization()
    .AddPortalValidationMessages()
    .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new PortalDateBinderProvider()));
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
});
builder.Services.AddProblemDetails(ApiErrors.Configure);
// A body the API cannot bind (wrong JSON types, broken JSON) throws, so it is answered as problem+json like other errors.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<PortalExceptionHandler>();
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "PartnerPrograms API";
    doc.Info.Description = "Partner agencies, cohorts, certificates and communities. Authenticate with POST /api/v1/auth/token, then send 'Authorization: Bearer <token>'.";
    return Task.CompletedTask;
}));
builder.Services.AddPortalRateLimits();
builder.Services.AddPortalReverseProxy(builder.Configuration, builder.Environment);

// ---- Jobs, mail and documents.
builder.Services.Configure<MailSettings>(builder.Configuration.GetSection("Smtp"));
builder.Services.Configure<MailSettings>(o =>
{
    if (builder.Configuration["Mail:PickupDirectory"] is { Length: > 0 } dir) o.PickupDirectory = dir;
    else o.PickupDirectory = Path.Combine(DatabaseSetup.RepositoryDataRoot(builder.Environment), "mail");
    if (builder.Configuration.GetValue<int?>("Mail:MaxAttempts") is { } max) o.MaxAttempts = max;
});
builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection("App"));
builder.Services.AddSingleton<EmailSender>();
builder.Services.AddScoped<OutboxDispatcher>();
builder.Services.AddScoped<AccountMails>();
builder.Services.AddSingleton<PdfRenderer>();
builder.Services.AddSingleton<DocumentRenderer>();
builder.Services.AddSingleton<CertificatePrinter>();
builder.Services.AddPortalJobs(builder.Configuration, database.ConnectionString);
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddPortalFeatures(builder.Configuration);
// No national ID or e-mail address reaches a log in full (PDPA): every provider is wrapped, whatever registered it.
builder.Services.AddLogRedaction();

var app = builder.Build();

if (cli.Verb == "schema-script")
{
    // Prints the DDL of the EF model: the starting point for a new SQL migration (dotnet ef is not available here).
    await using var scope = app.Services.CreateAsyncScope();
    Console.WriteLine(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
    return;
}

// ---- No national-ID keys, no portal (PDPA): a clear message rather than a failure at the first trainee saved.
try { app.Services.GetRequiredService<PartnerPrograms.Domain.Privacy.NationalIdProtector>(); }
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await database.DisposeAsync();
    throw;
}

// ---- Schema first: every instance runs the migrator; an advisory lock makes that safe.
await Migrator.MigrateAsync(database.ConnectionString, app.Logger);
// Conversions SQL cannot do without the app's keys (0011 plain IDs, 0017 row binding and hashed reminder keys): once, then free.
await PartnerPrograms.Web.Pages.Privacy.PrivacyStartup.RunAsync(app.Services, database.ConnectionString);
await JobSchema.InstallAsync(database.ConnectionString);
await RoleSetup.EnsureRolesAsync(app.Services);

if (cli.Verb is not null)
{
    Environment.ExitCode = await CommandLine.RunAsync(cli, app.Services);
    await database.DisposeAsync();
    return;
}

RecurringJobs.Register(app.Services);

if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

if (countQueries) QueryCounter.UseQueryCounting(app);
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
// After authentication: the PDF limit counts per signed-in user (the others per client address, as before).
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapHealthEndpoint();
var api = app.MapGroup("/api/v1").WithTags("PartnerPrograms").AddEndpointFilter<ApiNoCacheFilter>();
api.MapPortalFeatureApis();
app.MapPortalFeatureEndpoints();
app.MapJobDashboard();
app.MapRazorPages();

app.Run();

public partial class Program;
