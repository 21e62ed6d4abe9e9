using System.Security.Claims;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>Who does a change: for the audit trail and the authorisation the MOU handlers check.</summary>
public sealed record MouActor(string Name, Guid? UserId, bool IsStaff, long? OrganizationId)
{
    public static MouActor From(ClaimsPrincipal user) => new(
        user.DisplayName(), user.UserId(), user.IsStaff(),
        user.OrganizationId());

    public static readonly MouActor System = new("system", null, true, null);

    /// <summary>The one check of "staff only" for the MOU writes, whichever door (page or API) they come
    /// through.</summary>
    public void EnsureStaff(string message = "Only foundation staff change MOUs.")
    {
        if (!IsStaff) throw new ForbiddenException(message);
    }
}
