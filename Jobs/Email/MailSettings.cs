namespace PartnerPrograms.Jobs.Email;

public enum SmtpSecurity { None, StartTls, Tls }

/// <summary>Smtp:* and Mail:* settings. With no Smtp:Host, mail is written as .eml files to Mail:PickupDirectory.</summary>
public sealed class MailSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "PartnerPrograms <no-reply@partnerprograms.local>";
    public string PickupDirectory { get; set; } = ".data/mail";
    public int MaxAttempts { get; set; } = 8;
    public int BatchSize { get; set; } = 50;
}
