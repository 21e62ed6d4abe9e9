namespace PartnerPrograms.Domain.Jobs;

/// <summary>One execution of a scheduled job, for the admin job page. Arguments are ids only, never personal data.</summary>
public class JobRun
{
    public long Id { get; set; }
    public string JobName { get; set; } = "";
    public string? TriggerName { get; set; }
    public string FireInstanceId { get; set; } = "";
    public string SchedulerInstance { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Status { get; set; } = "running";
    public string? Message { get; set; }
}
