namespace PartnerPrograms.Domain.Database;

public sealed record DataScope(long? PartnerOrganizationId, long? ParticipantTraineeId) : IDataScope
{
    public static readonly DataScope Unrestricted = new(null, null);
}
