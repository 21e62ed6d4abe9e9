using Microsoft.Extensions.Options;
using MimeKit;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// The one place that knows how mail leaves: over SMTP with MailKit when Smtp:Host is set, else as .eml files in
/// Mail:PickupDirectory. A dispatch run sends through one <see cref="EmailBatch"/>, which keeps one SMTP
/// connection for all its messages.
/// </summary>
public sealed class EmailSender(IOptions<MailSettings> options, TimeProvider clock, ILogger<EmailSender> logger)
{
    private readonly MailSettings _settings = options.Value;

    public bool WritesToFolder => string.IsNullOrWhiteSpace(_settings.Host);
    public string PickupDirectory => Path.GetFullPath(_settings.PickupDirectory);

    public EmailBatch StartBatch() => new(_settings, From(), WritesToFolder ? PickupDirectory : null, clock, logger);

    /// <summary>Parsed before any row is claimed: a wrong Smtp:From stops the run with an error and leaves every message pending.</summary>
    private MailboxAddress From() => OutboxMimeMessage.Clean(MailboxAddress.Parse(_settings.From));
}
