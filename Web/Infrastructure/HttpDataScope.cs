using System.Security.Claims;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The data scope of the current request: a partner sees its organisation's records only, a participant their own.
/// A partner or participant account that lacks its link sees nothing (-1 matches no row) rather than everything.
/// </summary>
public sealed class HttpDataScope(IHttpContextAccessor accessor) : IDataScope
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;
    public long? PartnerOrganizationId => User?.IsInRole(Roles.Partner) == true ? User.OrganizationId() ?? -1 : null;
    public long? ParticipantTraineeId => User?.IsInRole(Roles.Participant) == true ? User.TraineeId() ?? -1 : null;
}
