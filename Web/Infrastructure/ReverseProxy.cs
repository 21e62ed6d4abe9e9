using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The portal behind nginx (deploy/nginx): the client's address, scheme and host come from X-Forwarded-For/-Proto/-Host,
/// but only when the request arrives from a trusted proxy — loopback unless ForwardedHeaders:KnownProxies or
/// KnownNetworks name others — so a client cannot choose the address the rate limits count, nor make the portal think
/// a plain-HTTP request was HTTPS. Outside Development, HSTS is sent and every cookie (sign-in, antiforgery, language)
/// is Secure whatever the request's scheme.
/// </summary>
public static class ReverseProxy
{
    /// <summary>The in-process test suite talks plain HTTP to the app, so Secure-only cookies would never come back.</summary>
    private const string TestingEnvironment = "Testing";

    public static IServiceCollection AddPortalReverseProxy(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection("ForwardedHeaders");
        var proxies = List(section, "KnownProxies").Select(a => ParseAddress("KnownProxies", a)).ToList();
        var networks = List(section, "KnownNetworks").Select(n => ParseNetwork("KnownNetworks", n)).ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // One proxy (nginx) in front: only the address it appended is believed, never what the client wrote before it.
            o.ForwardLimit = limit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                o.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
                o.KnownProxies.Add(IPAddress.IPv6Loopback);
            }
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        services.Configure<CookiePolicyOptions>(o => o.Secure =
            env.IsDevelopment() || env.IsEnvironment(TestingEnvironment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return services;
    }

    /// <summary>Forwarded headers first, so everything after (rate limits, redirects, cookies, HSTS) sees the real client.</summary>
    public static IApplicationBuilder UsePortalReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // HSTS is only sent on HTTPS requests to a non-local host name, so it is on wherever that can happen. The portal
        // itself never listens on TLS: nginx redirects plain HTTP (deploy/nginx), which leaves the instances' loopback
        // ports free for /health checks (UseHttpsRedirection could only log that it found no HTTPS port, or send those
        // checks to a port that is not there).
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>A list setting given either as an array (KnownProxies:0, KnownProxies:1) or as "a, b" in one variable.</summary>
    private static IEnumerable<string> List(IConfigurationSection section, string key)
    {
        var child = section.GetSection(key);
        var values = child.GetChildren().Select(c => c.Value).Append(child.Value);
        return values.SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static IPAddress ParseAddress(string key, string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new InvalidOperationException($"ForwardedHeaders:{key}: '{text}' is not an IP address (e.g. 10.0.0.5).");

    private static System.Net.IPNetwork ParseNetwork(string key, string text) => System.Net.IPNetwork.TryParse(text, out var network)
        ? network
        : throw new InvalidOperationException($"ForwardedHeaders:{key}: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/24).");
}
