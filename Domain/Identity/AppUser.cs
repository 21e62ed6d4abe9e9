using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Domain.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Partner = "Partner";
    public const string Participant = "Participant";
    public const string StaffOrAdmin = Staff + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Partner, Participant];
}

public class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>The one role a user has; mirrored in the Identity role tables so [Authorize(Roles=…)] works.</summary>
    public string Role { get; set; } = Roles.Participant;
    /// <summary>For Partner users: the organisation they act for. Scoping of partner data keys on this.</summary>
    public long? OrganizationId { get; set; }
    /// <summary>For Participant users: their trainee record.</summary>
    public long? TraineeId { get; set; }
    /// <summary>"th" or "en": the language of e-mails and documents sent to this user.</summary>
    public string PreferredLanguage { get; set; } = "th";
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Checks the role/link rules an admin edit must satisfy; returns an error key or null.</summary>
    public static string? ValidateRoleLinks(string role, long? organizationId, long? traineeId) => role switch
    {
        Roles.Partner when organizationId is null => "A partner user must belong to an organisation.",
        Roles.Participant when organizationId is not null => "A participant is not linked to an organisation.",
        Roles.Admin or Roles.Staff or Roles.Partner when traineeId is not null => "Only a participant is linked to a trainee record.",
        _ when !Roles.All.Contains(role) => "Unknown role.",
        _ => null,
    };
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

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
