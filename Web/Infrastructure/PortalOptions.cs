namespace PartnerPrograms.Web.Infrastructure;

/// <summary>App:* settings.</summary>
public sealed class PortalOptions
{
    /// <summary>The address people reach the portal at, for links in e-mails and QR codes.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}
