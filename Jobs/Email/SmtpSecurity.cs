namespace PartnerPrograms.Jobs.Email;

/// <summary>How the connection to the relay is secured (Smtp:Security); mapped to MailKit's SecureSocketOptions.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, no TLS: only for a relay on the same host or a trusted network.</summary>
    None,
    /// <summary>STARTTLS, required: the connection fails rather than sending in clear (port 25 or 587).</summary>
    StartTls,
    /// <summary>Implicit TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides: implicit TLS on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
