using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Net;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// A real SMTP server on 127.0.0.1 for the e-mail tests (the SmtpServer library): plain, STARTTLS or implicit TLS
/// with a throwaway self-signed certificate made here, keeps what arrives (parsed by MimeKit), can refuse senders
/// (4xx), refuse a recipient (550) or drop the connection (<see cref="Script"/>), and can be stopped and started
/// again on the same port to play an outage.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpTestSecurity _security;
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;
    private int _sessions;

    private SmtpTestServer(SmtpTestSecurity security)
    {
        _security = security;
        Certificate = security == SmtpTestSecurity.None ? null : SelfSignedCertificate();
    }

    public int Port { get; private set; }
    public X509Certificate2? Certificate { get; }

    /// <summary>SHA-256 of the certificate, the portal's Smtp:TrustedCertificateThumbprint.</summary>
    public string? CertificateThumbprint => Certificate is null ? null : Convert.ToHexString(SHA256.HashData(Certificate.RawData));

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();
    public ScriptedMailboxFilter Script { get; } = new();

    /// <summary>Runs when a message has arrived, before the server answers 250 (e.g. to let time pass on a slow relay).</summary>
    public Func<ReceivedMail, Task>? OnReceived { get; set; }

    /// <summary>SMTP connections accepted so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>When set, MAIL FROM is answered with this 4xx line (a server that is up but refusing).</summary>
    public string? RefuseWith { get => Script.RefuseWith; set => Script.RefuseWith = value; }

    public static SmtpTestServer Start(SmtpTestSecurity security = SmtpTestSecurity.None)
    {
        var server = new SmtpTestServer(security);
        server.Listen(0);
        return server;
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>.</summary>
    public void Restart() => Listen(Port);

    private void Listen(int port)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .MaxRetryCount(100) // a refusal counts as an error; many refused messages on one connection must not end it
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).SupportedSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
                if (Certificate is not null) e.Certificate(Certificate).IsSecure(_security == SmtpTestSecurity.ImplicitTls);
            })
            .Build();
        // Port 0 takes a free port: the listener factory says which one when it starts.
        var listeners = new EndpointListenerFactory();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new RecordingMessageStore(Received, mail => OnReceived?.Invoke(mail) ?? Task.CompletedTask));
        services.Add(Script);
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        // The listener starts synchronously inside StartAsync; a failure to bind has faulted the task by now.
        if (!bound.Task.IsCompleted)
        {
            _running.GetAwaiter().GetResult();
            throw new InvalidOperationException("The test SMTP server did not start listening.");
        }
        Port = bound.Task.Result;
    }

    public async Task StopAsync()
    {
        if (_server is null) return;
        _server.Shutdown();
        await _stop!.CancelAsync();
        try { await _running!; } catch (OperationCanceledException) { }
        _stop.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Certificate?.Dispose();
    }

    /// <summary>A certificate for "localhost" and 127.0.0.1 that no authority signed: only a pinned thumbprint makes it acceptable.</summary>
    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
