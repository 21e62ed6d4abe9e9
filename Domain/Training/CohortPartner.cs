namespace PartnerPrograms.Domain.Training;

/// <summary>A partner organisation delivering a cohort (e.g. the university); its partner users see the roster read-only.</summary>
public class CohortPartner
{
    public long CohortId { get; set; }
    public long OrganizationId { get; set; }
}
