using System.Text;
using MimeKit;

namespace PartnerPrograms.Tests.Shared;

/// <summary>
/// A message as the test server received it: the SMTP envelope (MAIL FROM, RCPT TO), the message as MimeKit parsed
/// it, the bytes on the wire (to check what the headers look like encoded), and whether the session was under TLS.
/// </summary>
public sealed record ReceivedMail(string From, string[] To, MimeMessage Message, byte[] Bytes, bool Secure)
{
    /// <summary>A header's decoded value, or "" when absent.</summary>
    public string Header(string name) => Message.Headers[name] ?? "";
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
    public string Html => Message.HtmlBody ?? "";

    /// <summary>The message as sent, one byte per char (the header part is 7-bit on the wire).</summary>
    public string Raw => Encoding.Latin1.GetString(Bytes);

    /// <summary>The top-level header block as sent, up to the first empty line.</summary>
    public string RawHeaders => Raw.Split("\r\n\r\n", 2)[0];

    public IEnumerable<ReceivedAttachment> Attachments => Message.Attachments.OfType<MimePart>().Select(p =>
    {
        using var content = new MemoryStream();
        p.Content?.DecodeTo(content);
        return new ReceivedAttachment(p.FileName, p.ContentType.MimeType, content.ToArray());
    });
}
