namespace PartnerPrograms.Domain.Communities;

/// <summary>A partner organisation that works in the community (a partner user sees these communities, read-only).</summary>
public class CommunityPartner
{
    public long CommunityId { get; set; }
    public long OrganizationId { get; set; }
}
