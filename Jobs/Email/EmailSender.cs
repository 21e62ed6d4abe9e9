using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// The one place that talks SMTP (System.Net.Mail: MailKit is not in the package source here).
/// Thai subjects, bodies and attachment names go out as UTF-8 (RFC 2047 / RFC 2231 encoded words).
/// </summary>
public sealed class EmailSender(IOptions<MailSettings> options)
{
    private readonly MailSettings _settings = options.Value;

    public bool WritesToFolder => string.IsNullOrWhiteSpace(_settings.Host);
    public string PickupDirectory => Path.GetFullPath(_settings.PickupDirectory);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        using var mail = BuildMessage(message);
        using var client = new SmtpClient();
        if (WritesToFolder)
        {
            Directory.CreateDirectory(PickupDirectory);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupDirectory;
        }
        else
        {
            client.Host = _settings.Host!;
            client.Port = _settings.Port;
            // SmtpClient.EnableSsl is STARTTLS; implicit TLS (port 465) is not supported by this client.
            client.EnableSsl = _settings.Security != SmtpSecurity.None;
            client.Timeout = 30_000;
            if (!string.IsNullOrEmpty(_settings.User))
                client.Credentials = new NetworkCredential(_settings.User, _settings.Password);
        }
        await client.SendMailAsync(mail, ct);
    }

    private MailMessage BuildMessage(OutboxMessage m)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(_settings.From),
            Subject = m.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            Body = m.TextBody,
            IsBodyHtml = false,
        };
        foreach (var to in SplitAddresses(m.To)) mail.To.Add(to);
        foreach (var cc in SplitAddresses(m.Cc)) mail.CC.Add(cc);
        mail.Headers.Add("X-PartnerPrograms-Key", m.DedupeKey.Length > 200 ? m.DedupeKey[..200] : m.DedupeKey);
        if (!string.IsNullOrEmpty(m.HtmlBody))
        {
            var html = AlternateView.CreateAlternateViewFromString(m.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.Base64;
            mail.AlternateViews.Add(html);
        }
        foreach (var a in m.Attachments)
        {
            var attachment = new Attachment(new MemoryStream(a.Content), a.FileName, a.ContentType);
            attachment.NameEncoding = Encoding.UTF8;
            attachment.ContentDisposition!.FileName = a.FileName;
            mail.Attachments.Add(attachment);
        }
        return mail;
    }

    public static IEnumerable<string> SplitAddresses(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
