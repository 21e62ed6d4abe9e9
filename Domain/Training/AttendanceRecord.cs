namespace PartnerPrograms.Domain.Training;

public class AttendanceRecord
{
    public long SessionId { get; set; }
    public long EnrollmentId { get; set; }
    public AttendanceStatus Status { get; set; }
    public DateTime RecordedAt { get; set; }
}
