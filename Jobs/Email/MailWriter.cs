using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Email.Templates;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// The one place an outbox message is written: recipient, subject, bodies rendered on the one layout, attachments,
/// dedupe key, and, for a user and a kind they can turn off, the footer's unsubscribe link and the one-click
/// List-Unsubscribe header. Queuing it is the caller's (<see cref="ReminderSender"/> or <see cref="EmailOutbox"/>).
/// </summary>
public sealed class MailWriter(MailRenderer renderer, UnsubscribeLinks unsubscribe, IOptions<PortalOptions> options)
{
    /// <summary>An absolute address on the portal, for the mail's button.</summary>
    public string Url(string path) => options.Value.Url(path);

    /// <summary>A message with no address when <paramref name="to"/> has none (the sender skips it).</summary>
    public async Task<OutboxMessage> WriteAsync<TMail>(MailTo to, IDictionary<string, object?> parameters,
        ReminderKind? kind = null, string? dedupeKey = null, IEnumerable<OutboxAttachment>? attachments = null)
        where TMail : MailTemplate
    {
        if (string.IsNullOrWhiteSpace(to.Email)) return new OutboxMessage { To = "" };
        var language = MailRenderer.Language(to.Language);
        var baseUrl = options.Value.PublicBaseUrl;
        var canUnsubscribe = kind is not null && to.UserId is not null;
        var mail = await renderer.RenderAsync<TMail>(language, parameters,
            canUnsubscribe ? unsubscribe.PageUrl(baseUrl, to.UserId!.Value, kind!.Value) : null);
        var message = new OutboxMessage
        {
            To = to.Email,
            Cc = to.Cc,
            Subject = mail.Subject,
            HtmlBody = mail.Html,
            TextBody = mail.Text,
            Language = language,
            UnsubscribeUrl = canUnsubscribe ? unsubscribe.OneClickUrl(baseUrl, to.UserId!.Value, kind!.Value) : null,
        };
        if (dedupeKey is not null) message.DedupeKey = dedupeKey;
        foreach (var attachment in attachments ?? []) message.Attachments.Add(attachment);
        return message;
    }
}
