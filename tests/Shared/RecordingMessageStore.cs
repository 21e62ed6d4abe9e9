using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;
using SmtpReply = SmtpServer.Protocol.SmtpResponse;

namespace PartnerPrograms.Tests.Shared;

/// <summary>Keeps every message the test server accepts, parsed by MimeKit, for the tests to look at.</summary>
public sealed class RecordingMessageStore(ConcurrentQueue<ReceivedMail> received, Func<ReceivedMail, Task>? onReceived) : MessageStore
{
    public override async Task<SmtpReply> SaveAsync(ISessionContext context, IMessageTransaction transaction,
        ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var bytes = buffer.ToArray();
        using var stream = new MemoryStream(bytes);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        var mail = new ReceivedMail(transaction.From.AsAddress() ?? "", [.. transaction.To.Select(t => t.AsAddress() ?? "")], message, bytes,
            context.Pipe.IsSecure);
        received.Enqueue(mail);
        // Before the "250": the client is still waiting, as on a slow relay.
        if (onReceived is not null) await onReceived(mail);
        return SmtpReply.Ok;
    }
}
