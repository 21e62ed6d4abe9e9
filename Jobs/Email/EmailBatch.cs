using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Sends the messages of one dispatch run. Over SMTP it connects on the first message and keeps the connection for
/// the rest; a message whose send broke the connection (dropped, timed out, garbled) throws, and the next one
/// connects again. A refusal (SmtpCommandException) leaves the connection usable: MailKit has reset the transaction.
/// Every step has its own time limit through a cancellation token: MailKit's async calls ignore the socket timeout
/// (MailKit issue #827).
/// </summary>
public sealed class EmailBatch : IAsyncDisposable
{
    private static readonly FormatOptions FileFormat = EmlFormat();
    private readonly MailSettings _settings;
    private readonly MailboxAddress _from;
    private readonly string? _folder;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private SmtpClient? _client;

    internal EmailBatch(MailSettings settings, MailboxAddress from, string? folder, TimeProvider clock, ILogger logger)
    {
        _settings = settings;
        _from = from;
        _folder = folder;
        _clock = clock;
        _logger = logger;
        _timeout = TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds));
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var mime = OutboxMimeMessage.Build(message, _from, _clock.GetUtcNow());
        if (_folder is not null)
        {
            await WriteFileAsync(message, mime, ct);
            return;
        }
        var client = await ConnectedAsync(ct);
        try
        {
            await LimitAsync("sending", t => client.SendAsync(mime, t), ct);
        }
        catch (Exception e) when (e is not SmtpCommandException)
        {
            await DropAsync();
            throw;
        }
    }

    /// <summary>One file per message, written under a temporary name and then renamed, so a reader never sees half a file.</summary>
    private async Task WriteFileAsync(OutboxMessage message, MimeMessage mime, CancellationToken ct)
    {
        Directory.CreateDirectory(_folder!);
        // What a relay without 8BITMIME would get: 7-bit clean, every line short.
        mime.Prepare(EncodingConstraint.SevenBit);
        var name = $"{_clock.GetUtcNow():yyyyMMdd-HHmmssfff}-{message.Id}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(_folder!, name + ".tmp");
        await using (var file = File.Create(temporary)) await mime.WriteToAsync(FileFormat, file, ct);
        File.Move(temporary, Path.Combine(_folder!, name));
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        await DropAsync();
        var client = new SmtpClient();
        if (!string.IsNullOrWhiteSpace(_settings.TrustedCertificateThumbprint)) client.ServerCertificateValidationCallback = AcceptPinned;
        try
        {
            await LimitAsync("connecting", t => client.ConnectAsync(_settings.Host!, _settings.EffectivePort, SocketOptions(_settings.Security), t), ct);
            if (!string.IsNullOrEmpty(_settings.User))
                await LimitAsync("authenticating", t => client.AuthenticateAsync(_settings.User, _settings.Password ?? "", t), ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        return client;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>The normal checks, or else exactly the pinned certificate (by SHA-256 of its DER bytes).</summary>
    private bool AcceptPinned(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null) return false;
        var pin = _settings.TrustedCertificateThumbprint!.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var actual = Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(pin.ToUpperInvariant()));
    }

    private async Task LimitAsync(string step, Func<CancellationToken, Task> operation, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_timeout);
        try
        {
            await operation(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"SMTP {step} timed out after {_timeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Closes the connection without caring how: it is either finished or already broken.</summary>
    private async Task DropAsync()
    {
        if (_client is null) return;
        var client = _client;
        _client = null;
        try
        {
            if (client.IsConnected) await LimitAsync("disconnecting", t => client.DisconnectAsync(true, t), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or TimeoutException or MailKit.ProtocolException
                                      or SmtpCommandException or System.Net.Sockets.SocketException)
        {
            _logger.LogDebug(e, "SMTP disconnect failed");
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    private static FormatOptions EmlFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
