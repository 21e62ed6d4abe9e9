using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// Debian's nginx as a child process (no daemon, no system service) with its own main config, pid, logs and temp
/// folders in a work folder. The site is deploy/nginx/partnerprograms.conf itself, with only what an operator fills in
/// substituted: listen addresses (127.0.0.1 and free ports instead of 80/443 on every interface), the upstream ports,
/// the host name, the certificate (a self-signed one made here) and the log folder.
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string HostName = "portal.test";
    private readonly string _dir;
    private Process? _process;

    public int HttpsPort { get; } = FreePort();
    public int HttpPort { get; } = FreePort();
    public X509Certificate2 Certificate { get; }
    public string AccessLog => Path.Combine(_dir, "log", "partnerprograms.access.log");
    public string ErrorLog => Path.Combine(_dir, "log", "partnerprograms.error.log");

    public NginxProxy(string workDirectory)
    {
        _dir = Directory.CreateDirectory(workDirectory).FullName;
        foreach (var sub in new[] { "log", "tmp", "tls" }) Directory.CreateDirectory(Path.Combine(_dir, sub));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + HostName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(_dir, "tls", "fullchain.pem"), Certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "tls", "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    public static string SitePath => Path.Combine(PortalProcess.RepositoryRoot(), "deploy", "nginx", "partnerprograms.conf");

    /// <summary>The shipped site with the operator's blanks filled for this machine; fails if a line to fill is gone.</summary>
    public string RenderSite(IReadOnlyList<int> upstreamPorts)
    {
        var site = File.ReadAllText(SitePath);
        var servers = UpstreamServer().Matches(site);
        servers.Count.ShouldBe(upstreamPorts.Count, "upstream servers in deploy/nginx/partnerprograms.conf");
        var i = 0;
        site = UpstreamServer().Replace(site, m => $"{m.Groups[1].Value}127.0.0.1:{upstreamPorts[i++].ToString(CultureInfo.InvariantCulture)};");
        site = Substitute(site, "    listen [::]:80;\n", "");
        site = Substitute(site, "    listen [::]:443 ssl http2;\n", "");
        site = Substitute(site, "listen 80;", $"listen 127.0.0.1:{HttpPort};");
        site = Substitute(site, "listen 443 ssl http2;", $"listen 127.0.0.1:{HttpsPort} ssl http2;");
        site = Substitute(site, "portal.example.org", HostName);
        site = Substitute(site, "/etc/ssl/partnerprograms/", Path.Combine(_dir, "tls") + "/");
        site = Substitute(site, "/var/log/nginx/", Path.Combine(_dir, "log") + "/");
        // Bind only to 127.0.0.0/8: every listen line must now name a loopback address.
        foreach (Match listen in ListenLine().Matches(site)) listen.Groups[1].Value.ShouldStartWith("127.", customMessage: listen.Value);
        return site;
    }

    public async Task StartAsync(IReadOnlyList<int> upstreamPorts)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "partnerprograms.conf"), RenderSite(upstreamPorts));
        var tmp = Path.Combine(_dir, "tmp");
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/log/error.log info;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{tmp}}/body;
                proxy_temp_path {{tmp}}/proxy;
                fastcgi_temp_path {{tmp}}/fastcgi;
                uwsgi_temp_path {{tmp}}/uwsgi;
                scgi_temp_path {{tmp}}/scgi;
                access_log {{_dir}}/log/other.access.log;
                include {{_dir}}/partnerprograms.conf;
            }
            """);
        string[] args = ["-p", _dir + "/", "-c", Path.Combine(_dir, "nginx.conf"), "-e", Path.Combine(_dir, "log", "startup.log")];
        var check = await Command.RunAsync(Binary, [.. args, "-t"]);
        check.ExitCode.ShouldBe(0, "nginx -t on the rendered deploy/nginx/partnerprograms.conf:\n" + check.Output);

        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(_dir, "log", "error.log")));
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
        }
    }

    /// <summary>The access log, one entry per request: client address, method, path, status and the upstream that answered.</summary>
    public async Task<IReadOnlyList<(string Client, string Method, string Path, int Status, string Upstream)>> RequestsAsync()
    {
        var lines = File.Exists(AccessLog) ? await File.ReadAllLinesAsync(AccessLog) : [];
        return lines.Select(l => AccessLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), m.Groups[5].Value))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not { HasExited: false } p) return;
        // SIGQUIT: nginx's graceful shutdown (the master stops its workers); SIGKILL would leave the workers behind.
        using (var quit = Process.Start("kill", ["-QUIT", p.Id.ToString(CultureInfo.InvariantCulture)])) await quit.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await p.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); }
        p.Dispose();
        _process = null;
    }

    private static string Substitute(string text, string find, string replacement)
    {
        text.ShouldContain(find, Case.Sensitive, $"deploy/nginx/partnerprograms.conf no longer has '{find.Trim()}', which the deployment test fills in");
        return text.Replace(find, replacement, StringComparison.Ordinal);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(\n\s*server\s+)127\.0\.0\.1:\d+;")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"^\s*listen\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ListenLine();

    [GeneratedRegex("""^(\S+) \[[^\]]*\] "(\S+) (\S+) [^"]*" (\d+) .* upstream=(\S+)""")]
    private static partial Regex AccessLine();
}
