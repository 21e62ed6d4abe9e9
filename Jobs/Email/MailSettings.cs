namespace PartnerPrograms.Jobs.Email;

/// <summary>Smtp:* and Mail:* settings. With no Smtp:Host, mail is written as .eml files to Mail:PickupDirectory.</summary>
public sealed class MailSettings
{
    public string? Host { get; set; }
    /// <summary>Empty: 465 with <see cref="SmtpSecurity.SslOnConnect"/>, otherwise 25.</summary>
    public int? Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "PartnerPrograms <no-reply@partnerprograms.local>";
    /// <summary>Limit of each SMTP step (connect, authenticate, send one message, disconnect).</summary>
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>
    /// SHA-256 of a relay certificate to accept even though no trusted authority signed it (an internal relay with a
    /// self-signed certificate; the tests' server). Empty: the normal certificate checks alone.
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }
    public string PickupDirectory { get; set; } = ".data/mail";
    public int MaxAttempts { get; set; } = 8;
    public int BatchSize { get; set; } = 50;

    public int EffectivePort => Port ?? (Security == SmtpSecurity.SslOnConnect ? 465 : 25);
}
