namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Who looked at or acted on a trainee's personal data, and when: a full national ID shown, a subject-access export,
/// an erasure. It records that it happened, never the data itself.
/// </summary>
public class PersonalDataAuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public PersonalDataAction Action { get; set; }
    public long TraineeId { get; set; }
}
