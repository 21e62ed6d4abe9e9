namespace PartnerPrograms.Domain.Identity;

/// <summary>A personal API token. Only its SHA-256 is stored; the token itself is shown once.</summary>
public class ApiToken
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    /// <summary>First characters of the token, so a user can tell tokens apart in the list.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && ExpiresAt > now;

    public static string Hash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token with 256 bits of randomness; returns the entity and the plain token to show once.</summary>
    public static (ApiToken Entity, string Plain) Create(Guid userId, string name, DateTime now, TimeSpan lifetime)
    {
        var plain = "pp_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = Hash(plain),
            Prefix = plain[..10],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        }, plain);
    }
}
