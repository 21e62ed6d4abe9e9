using System.Collections.Concurrent;
using System.Globalization;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpReply = SmtpServer.Protocol.SmtpResponse;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// The test server's answers to MAIL FROM and RCPT TO, set by the test: refuse every sender with a reply, refuse the
/// first N attempts and accept later ones, refuse one recipient (550), or drop the connection at the Nth attempt.
/// </summary>
public sealed class ScriptedMailboxFilter : IMailboxFilter
{
    private int _attempts;
    private int _refuseFirst;
    private int _dropAt;
    private string _refuseFirstReply = "";
    private readonly ConcurrentDictionary<string, byte> _unknown = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set ("451 4.3.0 try again later"), every MAIL FROM is answered with it.</summary>
    public string? RefuseWith { get; set; }

    /// <summary>Messages the server was asked to take (MAIL FROM commands), refused or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void RefuseFirst(int attempts, string reply)
    {
        _refuseFirstReply = reply;
        Volatile.Write(ref _refuseFirst, Attempts + attempts);
    }

    public void DropConnectionAtAttempt(int attempt) => Volatile.Write(ref _dropAt, attempt);

    public void RejectRecipient(string address) => _unknown[address] = 0;

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        // Not a reply: the session fails and the server closes the connection, as a relay that crashes would.
        if (attempt == Volatile.Read(ref _dropAt)) throw new IOException("the test server dropped the connection");
        if (RefuseWith is { } refusal) throw Refusal(refusal);
        if (attempt <= Volatile.Read(ref _refuseFirst)) throw Refusal(_refuseFirstReply);
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
        Task.FromResult(!_unknown.ContainsKey(to.AsAddress() ?? "")); // false: "550 mailbox unavailable"

    private static SmtpResponseException Refusal(string reply) =>
        new(new SmtpReply((SmtpReplyCode)int.Parse(reply[..3], CultureInfo.InvariantCulture), reply[4..]));
}
