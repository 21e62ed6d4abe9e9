namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Links for everyone, signed in or not (e.g. certificate verification). Features add theirs here.</summary>
public static class PublicNavigation
{
    public sealed record Item(string Text, string Href, bool ShowWhenSignedIn);
    public static readonly List<Item> Items = [new("Verify a certificate", "/verify", true)];
}
