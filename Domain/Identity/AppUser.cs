using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Domain.Identity;

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
