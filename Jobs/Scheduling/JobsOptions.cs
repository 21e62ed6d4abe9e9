namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>Jobs:* settings. Every instance can enqueue; only those with Server=true run jobs.</summary>
public sealed class JobsOptions
{
    /// <summary>Run a Hangfire server in this process. False makes a web-only instance that still enqueues.</summary>
    public bool Server { get; set; } = true;

    /// <summary>Workers for the general queues (e-mail, reminders, expiry, backups).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Queues the general workers take, in priority order.</summary>
    public string[] Queues { get; set; } = [JobQueues.Default];

    /// <summary>Workers for the PDF queue (each holds a Chromium page); 0 leaves PDF jobs to other instances.</summary>
    public int PdfWorkers { get; set; } = 1;

    /// <summary>
    /// A job whose server stops renewing its lease (kill -9, power loss) is taken over after this long. The lease is
    /// renewed while the job runs (sliding), so a long job on a healthy server never runs twice.
    /// </summary>
    public int InvisibilitySeconds { get; set; } = 30;

    /// <summary>How often an idle worker looks for new jobs.</summary>
    public int PollSeconds { get; set; } = 2;

    /// <summary>
    /// A distributed lock left by a dead server expires after this long. It bounds how long a recurring job is
    /// skipped after its server died mid-run.
    /// </summary>
    public int LockTimeoutSeconds { get; set; } = 120;
}
