namespace PartnerPrograms.Domain.Database;

/// <summary>Who the current unit of work acts for; the web sets it from the signed-in user.</summary>
public interface IDataScope
{
    long? PartnerOrganizationId { get; }
    long? ParticipantTraineeId { get; }
}
