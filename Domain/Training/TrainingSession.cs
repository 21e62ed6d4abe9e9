namespace PartnerPrograms.Domain.Training;

public class TrainingSession
{
    public long Id { get; set; }
    public long CohortId { get; set; }
    public Cohort Cohort { get; set; } = null!;
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>A room or an online link.</summary>
    public string? Place { get; set; }
    public List<AttendanceRecord> Attendance { get; set; } = [];
}
