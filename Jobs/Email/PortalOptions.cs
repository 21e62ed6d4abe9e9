namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// App:* settings, the one way to read them. It lives beside the e-mails because the reminder jobs (this project)
/// write links too, and the Web project can see this one but not the other way round.
/// </summary>
public sealed class PortalOptions
{
    /// <summary>The address people reach the portal at, for links in e-mails, calendar feeds and QR codes.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>An absolute address on the portal: <paramref name="path"/> starts with "/".</summary>
    public string Url(string path) => PublicBaseUrl.TrimEnd('/') + path;
}
