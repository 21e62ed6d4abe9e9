namespace PartnerPrograms.Tests.Shared;

/// <summary>Fixed test keys for national-ID encryption and the data-protection key ring (public; used by the tests, the portal processes they start and the benchmark's generated data; never in production).</summary>
public static class TestKeys
{
    public const string NationalIdKey1 = "i5uLJhN3zk2GHcZQT4dYGQGW6JwIpKt8x7T9GqPtlUc=";
    public const string NationalIdKey2 = "i0YZPCPorD4E3wZfj1skq3eByWMEf8EqbJSTUQrEATc=";
    public const string LookupKey = "iZVZypVXJCzarvLtQUuv3MsbZqQQVPFD0x6reCM4Mpk=";
    /// <summary>DataProtection:KeyEncryptionKey: outside Development the portal does not start without one (ProductionChecks).</summary>
    public const string KeyEncryptionKey = "XSHNgaGHUDExlt5zHm5Puq6nbrMWhtzUBojUXC5N4iw=";
}
