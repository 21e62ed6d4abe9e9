using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace PartnerPrograms.Web.Tests.Deployment;

/// <summary>
/// A browser on a machine of its own, as nginx sees it: every connection leaves from <c>local</c> (127.0.0.2,
/// 127.0.0.3 … all of 127.0.0.0/8 is loopback on Linux), so nginx's $remote_addr — what it forwards in
/// X-Forwarded-For — differs per client. Requests go to https://portal.test:port with the name resolved to 127.0.0.1
/// here, so the Host, SNI and certificate are those of a named site; only the test's own certificate is trusted.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient Create(IPAddress local, Uri baseAddress, X509Certificate2 trusted, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == trusted.Thumbprint },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }
}
