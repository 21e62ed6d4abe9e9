using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>Who may pass an endpoint's gate. Each signed-in role is a flag; anonymous is its own.</summary>
[Flags]
public enum Grant
{
    None = 0, Anonymous = 1, Participant = 2, Partner = 4, Staff = 8, Admin = 16,
    StaffOnly = Staff | Admin, AdminOnly = Admin, Readers = Partner | Staff | Admin,
    SignedIn = Participant | Partner | Staff | Admin, Public = Anonymous | SignedIn,
}

/// <summary>Records of one partner organisation (partner B gets 404) or one participant (participant B gets 404).</summary>
[Flags]
public enum Scope { None = 0, Partner = 1, Holder = 2, Both = Partner | Holder }

/// <summary>
/// The access rule of one endpoint. <see cref="Gate"/> is what the endpoint's authorization metadata must let through
/// (checked against the metadata itself); <see cref="Serves"/> is who gets content (the rest of the gate gets 404 from
/// the page's own check); <see cref="Sample"/> is a request with real ids of side A.
/// </summary>
public sealed record Rule(string Key, Grant Gate, Func<SecurityWorld, string> Sample, Scope Scope = Scope.None, Grant? Serves = null, int[]? Ok = null)
{
    public Grant Served => Serves ?? Gate;
}

/// <summary>
/// Every Razor page (and each of its named GET handlers) and every mapped endpoint, enumerated from the app's
/// EndpointDataSource, requested as anonymous, participant A and B, partner A and B, staff and admin. An endpoint without
/// a rule in <see cref="Rules"/> fails the test, so a new page or endpoint cannot be forgotten.
/// </summary>
public class AccessMatrixTests(SecurityWorld world) : IClassFixture<SecurityWorld>
{
    private static readonly int[] Page200 = [200];

    /// <summary>The access rules: one line per page, named GET handler and endpoint.</summary>
    public static readonly Rule[] Rules =
    [
        // ---- Account and public pages
        new("/Account/AccessDenied", Grant.Public, _ => "/Account/AccessDenied", Ok: [403]),
        new("/Account/ForgotPassword", Grant.Public, _ => "/Account/ForgotPassword"),
        new("/Account/Login", Grant.Public, _ => "/Account/Login"),
        new("/Account/Logout", Grant.Public, _ => "/Account/Logout"),
        new("/Account/ResetPassword", Grant.Public, _ => "/Account/ResetPassword?email=x%40example.org&token=abc"),
        new("/Culture", Grant.Public, _ => "/Culture", Ok: [302]),
        new("/Error", Grant.Public, _ => "/Error?code=404"),
        new("/Index", Grant.Public, _ => "/"),
        new("/Unsubscribe", Grant.Public, _ => "/Unsubscribe?token=not-a-token"),
        new("/Certificates/Verify", Grant.Public, w => $"/verify/{w.A.CertificateCode}"),
        // ---- Signed in, any role
        new("/Profile/Index", Grant.SignedIn, _ => "/Profile"),
        new("/Profile/Notifications", Grant.SignedIn, _ => "/Profile/Notifications"),
        new("/Certificates/My", Grant.SignedIn, _ => "/Certificates/My"),
        new("/Training/My", Grant.SignedIn, _ => "/Training/My", Serves: Grant.Participant),
        // ---- Admin
        new("/Admin/Outbox/Index", Grant.AdminOnly, _ => "/Admin/Outbox"),
        new("/Admin/Settings/Index", Grant.AdminOnly, _ => "/Admin/Settings"),
        new("/Admin/Users/Index", Grant.AdminOnly, _ => "/Admin/Users"),
        new("/Admin/Users/Invite", Grant.AdminOnly, _ => "/Admin/Users/Invite"),
        new("/Admin/Users/Edit", Grant.AdminOnly, w => $"/Admin/Users/Edit?id={w.StaffUserId}"),
        new("ANY /jobs/{**path}", Grant.AdminOnly, _ => "/jobs/recurring"),
        // ---- MOUs and partners
        new("/Mous/Index", Grant.Readers, _ => "/Mous"),
        new("/Mous/Details", Grant.Readers, w => $"/Mous/Details?id={w.A.Mou}", Scope.Partner),
        new("/Mous/Details?handler=File", Grant.Readers, w => $"/Mous/Details?id={w.A.Mou}&handler=File&fileId={w.A.Attachment}", Scope.Partner),
        new("/Mous/Details?handler=Agreement", Grant.Readers, w => $"/Mous/Details?id={w.A.Mou}&handler=Agreement", Scope.Partner),
        new("/Mous/Details?handler=Progress", Grant.Readers, w => $"/Mous/Details?id={w.A.Mou}&handler=Progress", Scope.Partner),
        new("/Mous/Action", Grant.Readers, w => $"/Mous/Action?id={w.A.Action}", Scope.Partner),
        new("/Mous/Edit", Grant.StaffOnly, w => $"/Mous/Edit?id={w.A.Mou}", Ok: [302]), // an active MOU is not edited: back to its page
        new("/Partners/Index", Grant.StaffOnly, _ => "/Partners"),
        new("/Partners/Edit", Grant.StaffOnly, w => $"/Partners/Edit?id={w.A.Org}"),
        // ---- Training
        new("/Training/Courses/Index", Grant.StaffOnly, _ => "/Training/Courses"),
        new("/Training/Courses/Edit", Grant.StaffOnly, w => $"/Training/Courses/Edit?id={w.A.Course}"),
        new("/Training/Cohorts/Index", Grant.SignedIn, _ => "/Training/Cohorts", Serves: Grant.Readers),
        new("/Training/Cohorts/Edit", Grant.StaffOnly, w => $"/Training/Cohorts/Edit?id={w.A.Cohort}"),
        new("/Training/Cohorts/Details", Grant.SignedIn, w => $"/Training/Cohorts/Details?id={w.A.Cohort}", Scope.Partner, Grant.Readers),
        new("/Training/Cohorts/Details?handler=Export", Grant.SignedIn, w => $"/Training/Cohorts/Details?id={w.A.Cohort}&handler=Export&kind=roster&format=csv", Scope.Partner, Grant.Readers),
        new("/Training/Sessions/Attendance", Grant.SignedIn, w => $"/Training/Sessions/Attendance?id={w.A.Session}", Scope.Partner, Grant.Readers),
        new("/Training/Sessions/Attendance?handler=SignInSheet", Grant.SignedIn, w => $"/Training/Sessions/Attendance?id={w.A.Session}&handler=SignInSheet", Scope.Partner, Grant.Readers),
        new("/Trainees/Index", Grant.StaffOnly, _ => "/Trainees"),
        new("/Trainees/Details", Grant.StaffOnly, w => $"/Trainees/Details?id={w.A.Trainee}"),
        new("/Trainees/Edit", Grant.StaffOnly, w => $"/Trainees/Edit?id={w.A.Trainee}"),
        new("/Trainees/Import", Grant.StaffOnly, _ => "/Trainees/Import"),
        // ---- Certificates
        new("/Certificates/Cohort", Grant.StaffOnly, w => $"/Certificates/Cohort?id={w.A.Cohort}"),
        new("/Certificates/Details", Grant.StaffOnly, w => $"/Certificates/Details?code={w.A.CertificateCode}"),
        new("/Certificates/Invite", Grant.StaffOnly, _ => "/Certificates/Invite", Ok: [404]),
        // ---- Communities
        new("/Communities/Index", Grant.Readers, _ => "/Communities"),
        new("/Communities/Details", Grant.Readers, w => $"/Communities/Details?id={w.A.Community}", Scope.Partner),
        new("/Communities/Assess", Grant.StaffOnly, w => $"/Communities/Assess?id={w.A.Community}"),
        new("/Communities/Edit", Grant.StaffOnly, w => $"/Communities/Edit?id={w.A.Community}"),
        new("/Communities/Override", Grant.StaffOnly, w => $"/Communities/Override?id={w.A.Community}"),
        new("/Communities/GroupC", Grant.StaffOnly, _ => "/Communities/GroupC"),
        new("/Communities/GroupC?handler=Csv", Grant.StaffOnly, _ => "/Communities/GroupC?handler=Csv"),
        new("/Communities/Import", Grant.StaffOnly, _ => "/Communities/Import"),
        new("/Communities/Import?handler=Template", Grant.StaffOnly, _ => "/Communities/Import?handler=Template"),
        new("/Communities/Rubric", Grant.StaffOnly, _ => "/Communities/Rubric"),
        new("/Communities/Summary", Grant.StaffOnly, _ => "/Communities/Summary"),

        // ---- Outside the API
        new("GET /health", Grant.Public, _ => "/health"),
        new("GET /openapi/{documentName}.json", Grant.Public, _ => "/openapi/v1.json"),
        new("GET /calendar/{token}.ics", Grant.Public, _ => "/calendar/not-a-token.ics", Ok: [404]),
        // RFC 8058: a POST without the one-click form body (or with a bad token) changes nothing; a GET shows the page.
        new("POST /unsubscribe/one-click", Grant.Public, _ => "/unsubscribe/one-click?t=not-a-token", Ok: [400]),
        new("GET /unsubscribe/one-click", Grant.Public, _ => "/unsubscribe/one-click?t=not-a-token", Ok: [302, 200]), // to the page; signed-in clients follow
        // ---- API: account
        new("POST /api/v1/auth/token", Grant.Public, _ => "/api/v1/auth/token", Ok: [400, 401]),
        new("GET /api/v1/me", Grant.SignedIn, _ => "/api/v1/me"),
        new("GET /api/v1/me/tokens", Grant.SignedIn, _ => "/api/v1/me/tokens"),
        new("DELETE /api/v1/me/tokens/{id:long}", Grant.SignedIn, _ => "/api/v1/me/tokens/0", Ok: [404]),
        new("GET /api/v1/me/calendar-url", Grant.SignedIn, _ => "/api/v1/me/calendar-url"),
        new("GET /api/v1/me/certificates", Grant.SignedIn, _ => "/api/v1/me/certificates"),
        // ---- Dashboards and reports: every role has a dashboard (scoped by the query filters); the programme report is
        // staff's; a partner prints its own organisation's annual summary only.
        new("/Reports/List", Grant.SignedIn, _ => "/Reports/List?kind=Registered"),
        new("/Reports/Programme", Grant.StaffOnly, _ => "/Reports/Programme"),
        new("GET /api/v1/reports/summary", Grant.SignedIn, _ => "/api/v1/reports/summary"),
        new("GET /api/v1/reports/partners/{id:long}/annual.pdf", Grant.SignedIn, w => $"/api/v1/reports/partners/{w.A.Org}/annual.pdf", Scope.Partner, Serves: Grant.Readers),
        new("GET /api/v1/reports/programme.xlsx", Grant.StaffOnly, _ => "/api/v1/reports/programme.xlsx"),
        new("GET /api/v1/reports/programme.csv", Grant.StaffOnly, _ => "/api/v1/reports/programme.csv"),
        new("GET /api/v1/reports/programme.pdf", Grant.StaffOnly, _ => "/api/v1/reports/programme.pdf"),
        // ---- API: admin
        new("POST /api/v1/admin/reminders/run", Grant.AdminOnly, _ => "/api/v1/admin/reminders/run", Ok: [200]),
        new("GET /api/v1/admin/outbox", Grant.AdminOnly, _ => "/api/v1/admin/outbox"),
        // ---- API: MOUs
        new("GET /api/v1/organizations", Grant.Readers, _ => "/api/v1/organizations"),
        new("GET /api/v1/mous", Grant.Readers, _ => "/api/v1/mous"),
        new("GET /api/v1/mous/{id:long}", Grant.Readers, w => $"/api/v1/mous/{w.A.Mou}", Scope.Partner),
        new("GET /api/v1/mous/{id:long}/agreement.pdf", Grant.Readers, w => $"/api/v1/mous/{w.A.Mou}/agreement.pdf", Scope.Partner),
        new("GET /api/v1/mous/{id:long}/progress.pdf", Grant.Readers, w => $"/api/v1/mous/{w.A.Mou}/progress.pdf", Scope.Partner),
        new("GET /api/v1/mous/{id:long}/audit", Grant.Readers, w => $"/api/v1/mous/{w.A.Mou}/audit", Scope.Partner),
        new("GET /api/v1/mous/{id:long}/attachments/{attachmentId:long}", Grant.Readers, w => $"/api/v1/mous/{w.A.Mou}/attachments/{w.A.Attachment}", Scope.Partner),
        new("GET /api/v1/actions/mine", Grant.Readers, _ => "/api/v1/actions/mine"),
        new("POST /api/v1/actions/{id:long}/updates", Grant.Readers, w => $"/api/v1/actions/{w.A.Action}/updates", Scope.Partner, Ok: [400]),
        new("POST /api/v1/mous", Grant.StaffOnly, _ => "/api/v1/mous", Ok: [400]),
        new("POST /api/v1/mous/{id:long}/items", Grant.StaffOnly, w => $"/api/v1/mous/{w.A.Mou}/items", Ok: [400]),
        new("POST /api/v1/mous/{id:long}/actions", Grant.StaffOnly, w => $"/api/v1/mous/{w.A.Mou}/actions", Ok: [400]),
        new("POST /api/v1/mous/{id:long}/transitions", Grant.StaffOnly, w => $"/api/v1/mous/{w.A.Mou}/transitions", Ok: [400]),
        new("PUT /api/v1/actions/{id:long}", Grant.StaffOnly, w => $"/api/v1/actions/{w.A.Action}", Ok: [400]),
        // ---- API: training
        new("GET /api/v1/courses", Grant.SignedIn, _ => "/api/v1/courses"),
        new("GET /api/v1/cohorts", Grant.SignedIn, _ => "/api/v1/cohorts"),
        new("GET /api/v1/cohorts/{id:long}", Grant.SignedIn, w => $"/api/v1/cohorts/{w.A.Cohort}", Scope.Both),
        new("GET /api/v1/cohorts/{id:long}/roster", Grant.SignedIn, w => $"/api/v1/cohorts/{w.A.Cohort}/roster", Scope.Partner, Grant.Readers),
        new("POST /api/v1/cohorts/{id:long}/enrollments", Grant.StaffOnly, w => $"/api/v1/cohorts/{w.A.Cohort}/enrollments", Ok: [400]),
        new("POST /api/v1/enrollments/{id:long}/withdraw", Grant.StaffOnly, _ => "/api/v1/enrollments/0/withdraw", Ok: [404]),
        new("POST /api/v1/trainees", Grant.StaffOnly, _ => "/api/v1/trainees", Ok: [400]),
        new("GET /api/v1/trainees/{id:long}", Grant.StaffOnly, w => $"/api/v1/trainees/{w.A.Trainee}"),
        new("PUT /api/v1/sessions/{id:long}/attendance", Grant.StaffOnly, w => $"/api/v1/sessions/{w.A.Session}/attendance", Ok: [400]),
        // ---- API: certificates
        new("GET /api/v1/certificates/{code}", Grant.Public, w => $"/api/v1/certificates/{w.A.CertificateCode}"),
        new("GET /api/v1/certificates/{code}/pdf", Grant.Public, w => $"/api/v1/certificates/{w.A.CertificateCode}/pdf", Scope.Holder, Grant.Participant | Grant.StaffOnly),
        new("GET /api/v1/certificates/by-id/{id:long}/pdf", Grant.Public, w => $"/api/v1/certificates/by-id/{w.A.Certificate}/pdf", Scope.Holder, Grant.Participant | Grant.StaffOnly),
        new("POST /api/v1/cohorts/{id:long}/certificates", Grant.StaffOnly, _ => "/api/v1/cohorts/0/certificates", Ok: [404]),
        new("GET /api/v1/certificate-batches/{id:long}", Grant.StaffOnly, w => $"/api/v1/certificate-batches/{w.A.Batch}"),
        new("GET /api/v1/certificate-batches/{id:long}/zip", Grant.StaffOnly, w => $"/api/v1/certificate-batches/{w.A.Batch}/zip"),
        new("POST /api/v1/certificates/{code}/revoke", Grant.StaffOnly, w => $"/api/v1/certificates/{w.A.CertificateCode}/revoke", Ok: [400]),
        // ---- API: geography and communities
        new("GET /api/v1/geography/provinces", Grant.SignedIn, _ => "/api/v1/geography/provinces"),
        new("GET /api/v1/geography/provinces/{code}/districts", Grant.SignedIn, _ => "/api/v1/geography/provinces/50/districts"),
        new("GET /api/v1/geography/districts/{code:int}/sub-districts", Grant.SignedIn, _ => "/api/v1/geography/districts/5022/sub-districts"),
        new("GET /api/v1/communities/", Grant.Readers, _ => "/api/v1/communities"),
        new("GET /api/v1/communities/rubric", Grant.Readers, _ => "/api/v1/communities/rubric"),
        new("GET /api/v1/communities/{id:long}", Grant.Readers, w => $"/api/v1/communities/{w.A.Community}", Scope.Partner),
        new("POST /api/v1/communities/{id:long}/assessments", Grant.StaffOnly, w => $"/api/v1/communities/{w.A.Community}/assessments", Ok: [400]),
        new("POST /api/v1/communities/{id:long}/override", Grant.StaffOnly, w => $"/api/v1/communities/{w.A.Community}/override", Ok: [200]), // {} clears the override
    ];

    private static readonly Who[] Everyone = Enum.GetValues<Who>();

    /// <summary>A page (by its path, plus "?handler=X" for a named GET handler) or an endpoint ("METHOD /pattern").</summary>
    public sealed record Found(string Key, Grant Gate, bool IsPage, Type? PageModel, IReadOnlyList<string> PostHandlers);

    /// <summary>Everything the app routes, read from its own endpoint data, with the gate its metadata sets.</summary>
    public static async Task<List<Found>> EnumerateAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<Found>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var gate = await GateAsync(endpoint, policies);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                if (found.Any(f => f.Key == page.ViewEnginePath)) continue; // /Mous and /Mous/Index are one page
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var posts = compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name ?? "").ToList();
                found.Add(new Found(page.ViewEnginePath, gate, true, compiled.ModelTypeInfo?.AsType(), posts));
                foreach (var h in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is not null))
                    found.Add(new Found($"{page.ViewEnginePath}?handler={h.Name}", gate, true, compiled.ModelTypeInfo?.AsType(), []));
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var m in methods)
                found.Add(new Found($"{m} /{endpoint.RoutePattern.RawText!.TrimStart('/')}", gate, false, null, []));
        }
        return found;
    }

    private static async Task<Grant> GateAsync(Endpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return Grant.Public;
        var policy = await AuthorizationPolicy.CombineAsync(provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                         endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
                     ?? await provider.GetFallbackPolicyAsync();
        if (policy is null) return Grant.Public;
        var gate = policy.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().Any() || policy.Requirements.OfType<RolesAuthorizationRequirement>().Any()
            ? Grant.SignedIn : Grant.Public;
        foreach (var roles in policy.Requirements.OfType<RolesAuthorizationRequirement>())
            gate &= roles.AllowedRoles.Aggregate(Grant.None, (g, r) => g | Enum.Parse<Grant>(r));
        return gate;
    }

    private static Grant GroupOf(Who who) => who switch
    {
        Who.Anonymous => Grant.Anonymous,
        Who.ParticipantA or Who.ParticipantB => Grant.Participant,
        Who.PartnerA or Who.PartnerB => Grant.Partner,
        Who.Staff => Grant.Staff,
        _ => Grant.Admin,
    };

    [Fact]
    public async Task Every_page_and_endpoint_has_a_rule_and_its_metadata_matches_the_rule()
    {
        var found = await EnumerateAsync(world.App.Services);
        found.Count.ShouldBeGreaterThan(90, "the enumeration found the pages and the API");
        var problems = new List<string>();
        foreach (var f in found)
        {
            var rule = Rules.SingleOrDefault(r => r.Key == f.Key);
            if (rule is null) problems.Add($"{f.Key}: no access rule (add one to AccessMatrixTests.Rules); its metadata lets in {f.Gate}");
            else if (rule.Gate != f.Gate) problems.Add($"{f.Key}: the rule says {rule.Gate}, the endpoint's metadata lets in {f.Gate}");
        }
        foreach (var r in Rules.Where(r => found.All(f => f.Key != r.Key))) problems.Add($"{r.Key}: a rule for an endpoint that does not exist");
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public async Task Each_role_gets_what_the_rules_say_on_every_page_and_endpoint()
    {
        var found = await EnumerateAsync(world.App.Services);
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var rule in Rules)
        {
            var f = found.SingleOrDefault(x => x.Key == rule.Key);
            if (f is null) continue; // reported by the other test
            // "ANY" is a mounted UI (the job dashboard): visited in a browser with GET, like a page.
            var browser = f.IsPage || rule.Key.StartsWith("ANY ", StringComparison.Ordinal);
            var method = browser ? "GET" : rule.Key.Split(' ')[0];
            var url = rule.Sample(world);
            foreach (var who in Everyone)
            {
                var expected = Expected(rule, who, browser);
                var client = browser ? await world.BrowserAsync(who) : await world.ApiAsync(who);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                checkedCount++;
                var problem = Check(response, expected, (rule.Gate & GroupOf(who)) == 0 && who == Who.Anonymous);
                if (problem is not null) problems.Add($"{method} {url} as {who}: {problem}");
            }
        }
        checkedCount.ShouldBeGreaterThan(600);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    /// <summary>Every POST handler of every page: the gate as for GET; past the gate, a post without the antiforgery token is refused (400).</summary>
    [Fact]
    public async Task Every_page_form_handler_has_the_gate_of_its_page_and_requires_the_antiforgery_token()
    {
        var found = await EnumerateAsync(world.App.Services);
        var problems = new List<string>();
        var handlers = 0;
        foreach (var f in found.Where(f => f.IsPage && f.PostHandlers.Count > 0))
        {
            var rule = Rules.Single(r => r.Key == f.Key);
            var ignoresToken = f.PageModel?.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null;
            foreach (var handler in f.PostHandlers)
            {
                handlers++;
                var path = rule.Sample(world);
                var url = handler.Length == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
                foreach (var who in Everyone)
                {
                    var client = await world.BrowserAsync(who);
                    using var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
                    var expected = (rule.Gate & GroupOf(who)) == 0 ? Expected(rule, who, true) : ignoresToken ? [200] : [400];
                    var problem = Check(response, expected, (rule.Gate & GroupOf(who)) == 0 && who == Who.Anonymous);
                    if (problem is not null) problems.Add($"POST {url} as {who}: {problem}");
                }
            }
        }
        handlers.ShouldBeGreaterThan(40);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private static int[] Expected(Rule rule, Who who, bool isPage)
    {
        var group = GroupOf(who);
        if ((rule.Gate & group) == 0) return who == Who.Anonymous ? (isPage ? [302] : [401]) : [403];
        if ((rule.Served & group) == 0) return [404];
        if (rule.Scope.HasFlag(Scope.Partner) && who == Who.PartnerB) return [404];
        if (rule.Scope.HasFlag(Scope.Holder) && who == Who.ParticipantB) return [404];
        return rule.Ok ?? Page200;
    }

    private static string? Check(HttpResponseMessage response, int[] expected, bool toSignIn)
    {
        var status = (int)response.StatusCode;
        if (!expected.Contains(status)) return $"got {status}, expected {string.Join(" or ", expected)}";
        if (toSignIn && status == 302 && response.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) != true)
            return $"redirected to {response.Headers.Location}, expected the sign-in page";
        return null;
    }
}
