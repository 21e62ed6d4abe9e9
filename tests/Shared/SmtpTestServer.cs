using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// A small SMTP server on 127.0.0.1 for tests: speaks enough RFC 5321 for System.Net.Mail (EHLO, MAIL, RCPT, DATA,
/// RSET, NOOP, QUIT), keeps what arrives, can refuse (4xx) and can be stopped and started again on the same port
/// to play an outage.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;
    private Task? _loop;
    public int Port { get; private set; }
    public ConcurrentQueue<ReceivedMail> Received { get; } = new();
    /// <summary>When set, MAIL FROM is answered with this 4xx line (a server that is up but refusing).</summary>
    public string? RefuseWith { get; set; }

    public static SmtpTestServer Start(int port = 0)
    {
        var server = new SmtpTestServer();
        server.Listen(port);
        return server;
    }

    private void Listen(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _cts = new CancellationTokenSource();
        _loop = AcceptLoop(_cts.Token);
    }

    public async Task StopAsync()
    {
        if (_listener is null) return;
        await _cts!.CancelAsync();
        _listener.Stop();
        try { await _loop!; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        _listener = null;
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>.</summary>
    public void Restart() => Listen(Port);

    private async Task AcceptLoop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await _listener!.AcceptTcpClientAsync(ct);
            _ = Task.Run(() => Serve(client, ct), ct);
        }
    }

    private async Task Serve(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        string? from = null;
        var to = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await writer.WriteLineAsync("250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 OK"); break;
                    case "HELO": await writer.WriteLineAsync("250 localhost"); break;
                    case "MAIL":
                        if (RefuseWith is { } refusal) { await writer.WriteLineAsync(refusal); break; }
                        from = Address(line); to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                    case "RCPT": to.Add(Address(line)); await writer.WriteLineAsync("250 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        Received.Enqueue(new ReceivedMail(from ?? "", [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "RSET": from = null; to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                    case "NOOP": await writer.WriteLineAsync("250 OK"); break;
                    case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                    default: await writer.WriteLineAsync("502 not implemented"); break;
                }
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { }
    }

    private static string Address(string line) => AddressPattern().Match(line).Groups[1].Value;

    public async ValueTask DisposeAsync() => await StopAsync();

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AddressPattern();
}

/// <summary>A message as it arrived, with a small MIME reader for what tests check (headers, text, HTML, attachments).</summary>
public sealed partial record ReceivedMail(string From, string[] To, string Raw)
{
    public string Header(string name) => DecodeWords(Headers(Raw).GetValueOrDefault(name.ToLowerInvariant()) ?? "");
    public string Subject => Header("Subject");
    public IReadOnlyList<MimePart> Parts => Flatten(Raw).ToList();
    public string Text => Parts.FirstOrDefault(p => p.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))?.Text ?? "";
    public string Html => Parts.FirstOrDefault(p => p.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))?.Text ?? "";
    public IEnumerable<MimePart> Attachments => Parts.Where(p => p.FileName is not null);

    private static Dictionary<string, string> Headers(string entity)
    {
        var headerText = entity.Split("\r\n\r\n", 2)[0].Replace("\r\n ", " ").Replace("\r\n\t", " ");
        var result = new Dictionary<string, string>();
        foreach (var line in headerText.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) result.TryAdd(line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
        }
        return result;
    }

    private static IEnumerable<MimePart> Flatten(string entity)
    {
        var headers = Headers(entity);
        var contentType = headers.GetValueOrDefault("content-type") ?? "text/plain";
        var body = entity.Contains("\r\n\r\n", StringComparison.Ordinal) ? entity.Split("\r\n\r\n", 2)[1] : "";
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = BoundaryPattern().Match(contentType).Groups[1].Value;
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal)) break;
                foreach (var inner in Flatten(part.TrimStart('\r', '\n').TrimEnd('\r', '\n') + "\r\n")) yield return inner;
            }
            yield break;
        }
        var encoding = (headers.GetValueOrDefault("content-transfer-encoding") ?? "7bit").ToLowerInvariant();
        byte[] bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
            "quoted-printable" => QuotedPrintable(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        var disposition = headers.GetValueOrDefault("content-disposition") ?? "";
        var fileName = FileNamePattern().Match(disposition) is { Success: true } m ? DecodeWords(m.Groups[1].Value)
            : NamePattern().Match(contentType) is { Success: true } n && disposition.Length > 0 ? DecodeWords(n.Groups[1].Value) : null;
        yield return new MimePart(contentType, fileName, bytes);
    }

    private static byte[] QuotedPrintable(string body)
    {
        var text = body.Replace("=\r\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add((byte)text[i]);
        }
        return [.. bytes];
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?…?= and =?utf-8?Q?…?=).</summary>
    public static string DecodeWords(string value) => EncodedWord().Replace(value.Replace("?= =?", "?==?"), m =>
    {
        var charset = Encoding.GetEncoding(m.Groups[1].Value);
        var data = m.Groups[3].Value;
        var bytes = m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Convert.FromBase64String(data)
            : QuotedPrintable(data.Replace('_', ' '));
        return charset.GetString(bytes);
    });

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();
    [GeneratedRegex("filename\\*?=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex FileNamePattern();
    [GeneratedRegex("name=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();
    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}

public sealed record MimePart(string ContentType, string? FileName, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);
}
