namespace PartnerPrograms.Tests.Shared;

/// <summary>How the test SMTP server's port is secured.</summary>
public enum SmtpTestSecurity
{
    /// <summary>Plain SMTP.</summary>
    None,
    /// <summary>Plain at first, STARTTLS offered (a throwaway self-signed certificate).</summary>
    StartTls,
    /// <summary>TLS from the first byte, as on port 465 (the same kind of certificate).</summary>
    ImplicitTls,
}
