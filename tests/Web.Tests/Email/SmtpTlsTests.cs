using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>Smtp:Security against a server with a self-signed certificate, and the time limit on a relay that never answers.</summary>
public sealed class SmtpTlsTests
{
    private static Func<SmtpTestServer, IDictionary<string, string?>> Settings(string security) => smtp => new Dictionary<string, string?>
    {
        ["Smtp:Security"] = security,
        ["Smtp:TrustedCertificateThumbprint"] = smtp.CertificateThumbprint,
    };

    [Theory]
    [InlineData(SmtpTestSecurity.StartTls, "StartTls")]
    [InlineData(SmtpTestSecurity.StartTls, "Auto")]
    [InlineData(SmtpTestSecurity.ImplicitTls, "SslOnConnect")]
    public async Task Mail_goes_over_TLS_to_a_relay_whose_self_signed_certificate_is_pinned(SmtpTestSecurity server, string security)
    {
        await using var h = await OutboxHarness.StartAsync(server, Settings(security));
        await h.QueueAsync("tls:1");
        (await h.DispatchAsync()).ShouldBe((1, 0));
        var mail = h.Smtp.Received.Single();
        mail.Secure.ShouldBeTrue();
        mail.Subject.ShouldBe("แจ้งเตือน: ภารกิจใกล้ครบกำหนด 3 รายการ");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("5E3D9F1B8C7A6E4D2F0B1A9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E")]
    public async Task Without_its_pin_a_self_signed_certificate_is_refused_and_the_message_waits(string? otherPin)
    {
        await using var h = await OutboxHarness.StartAsync(SmtpTestSecurity.StartTls, _ => new Dictionary<string, string?>
        {
            ["Smtp:Security"] = "StartTls",
            ["Smtp:TrustedCertificateThumbprint"] = otherPin,
        });
        await h.QueueAsync("tls:unpinned");
        (await h.DispatchAsync()).ShouldBe((0, 1));
        h.Smtp.Received.ShouldBeEmpty();
        var waiting = await h.MessageAsync("tls:unpinned");
        waiting.Status.ShouldBe(OutboxStatus.Pending);
        waiting.LastError!.ShouldContain("SslHandshakeException");
    }

    [Fact]
    public async Task A_relay_that_never_answers_times_out_each_message_and_they_are_retried()
    {
        // Accepts connections (the kernel completes them) and never says a word.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
            await using var h = await OutboxHarness.StartAsync(settings: _ => new Dictionary<string, string?> { ["Smtp:Port"] = port, ["Smtp:TimeoutSeconds"] = "1" });
            await h.QueueAsync("silent:1");
            await h.QueueAsync("silent:2", "other@example.org");
            var watch = Stopwatch.StartNew();
            (await h.DispatchAsync()).ShouldBe((0, 2));
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            (await h.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 1 && m.LastError!.Contains("timed out"));
        }
        finally { silent.Stop(); }
    }
}
