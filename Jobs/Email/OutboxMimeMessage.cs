using MimeKit;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Turns an outbox row into a MIME message: text and HTML as alternatives, attachments, Thai headers as RFC 2047
/// encoded words and Thai file names as RFC 2231 parameters (MimeKit's defaults while FormatOptions.International
/// stays off: SMTPUTF8 would bounce on relays that lack it). Every header value is put on one line first.
/// </summary>
public static class OutboxMimeMessage
{
    public const string KeyHeader = "X-PartnerPrograms-Key";

    public static MimeMessage Build(OutboxMessage m, MailboxAddress from, DateTimeOffset date)
    {
        var mime = new MimeMessage { Subject = HeaderText.Clean(m.Subject), Date = date };
        mime.From.Add(Clean(from));
        foreach (var to in EmailAddresses.Split(m.To)) mime.To.Add(Recipient(to));
        foreach (var cc in EmailAddresses.Split(m.Cc)) mime.Cc.Add(Recipient(cc));
        if (mime.To.Count + mime.Cc.Count == 0) throw new InvalidMessageException("The message has no recipient.");
        // The same id on every attempt of one row: a receiver that got an attempt whose answer was lost can drop the repeat.
        mime.MessageId = $"outbox.{m.Id}.{m.CreatedAt.Ticks}@{(from.Domain.Length > 0 ? from.Domain : "partnerprograms.local")}";
        var key = HeaderText.Clean(m.DedupeKey);
        mime.Headers.Add(KeyHeader, key.Length > 200 ? key[..200] : key);
        if (OneClickUnsubscribe(m.UnsubscribeUrl) is { } url)
        {
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{url}>");
            mime.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = string.IsNullOrEmpty(m.HtmlBody) ? null : m.HtmlBody };
        foreach (var a in m.Attachments)
        {
            var name = HeaderText.Clean(a.FileName);
            var type = ContentType.TryParse(a.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            body.Attachments.Add(name.Length > 0 ? name : "attachment", a.Content, type);
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }

    public static MailboxAddress Clean(MailboxAddress address) => new(HeaderText.Clean(address.Name), address.Address);

    private static MailboxAddress Recipient(string text)
    {
        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
            throw new InvalidMessageException($"'{HeaderText.Clean(text)}' is not an e-mail address.");
        return Clean(mailbox);
    }

    /// <summary>Only an absolute http(s) address with nothing that could end the header's angle brackets.</summary>
    private static string? OneClickUnsubscribe(string? url) =>
        url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !url.Any(c => c is '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c))
            ? url
            : null;
}
