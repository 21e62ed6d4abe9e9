namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Keys published in this repository: the development ones (Web/appsettings.Development.json) and the tests'
/// (tests/Shared/TestKeys.cs). Anyone can read them, so they protect nothing: the portal refuses them outside
/// Development, except the tests' own in the environment "Testing". ProductionChecksTests keeps this list in step
/// with both files.
/// </summary>
public static class PublicKeys
{
    public static IReadOnlyList<string> Development { get; } =
    [
        "PRjeuoYuwmyhZmSgRIp5oymxsqY0zoAe/9eR5Hx58e4=", // Pdpa:NationalIdKeys:1
        "rK35/QXyyphywpYFyxfzHeCbolHpftuf2EVSS0u/pWQ=", // Pdpa:LookupKey
    ];

    public static IReadOnlyList<string> Tests { get; } =
    [
        "i5uLJhN3zk2GHcZQT4dYGQGW6JwIpKt8x7T9GqPtlUc=", // national-ID key 1
        "i0YZPCPorD4E3wZfj1skq3eByWMEf8EqbJSTUQrEATc=", // national-ID key 2
        "iZVZypVXJCzarvLtQUuv3MsbZqQQVPFD0x6reCM4Mpk=", // lookup key
        "XSHNgaGHUDExlt5zHm5Puq6nbrMWhtzUBojUXC5N4iw=", // data-protection key-encryption key
    ];

    /// <summary>Why a configured key must not be used here, or null when it is fine: missing, malformed or public.</summary>
    public static string? Problem(string? base64, bool testKeysAllowed)
    {
        if (string.IsNullOrWhiteSpace(base64)) return "missing";
        var key = Decode(base64);
        if (key is not { Length: 32 }) return "not 32 bytes in base64 (generate one with `openssl rand -base64 32`)";
        if (Development.Any(k => Decode(k)!.AsSpan().SequenceEqual(key)))
            return "the public development key from this repository (anyone can read it); generate your own";
        if (!testKeysAllowed && Tests.Any(k => Decode(k)!.AsSpan().SequenceEqual(key)))
            return "a public test key from this repository (anyone can read it); generate your own";
        return null;
    }

    private static byte[]? Decode(string base64)
    {
        try { return Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { return null; }
    }
}
