namespace PartnerPrograms.Domain.Mous;

/// <summary>A memorandum of understanding (บันทึกข้อตกลงความร่วมมือ) between two or more organisations.</summary>
public class Mou
{
    public long Id { get; set; }
    /// <summary>Unique, e.g. MOU-2563-001.</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Purpose { get; set; }
    public MouStatus Status { get; set; } = MouStatus.Draft;
    public DateOnly? SigningDate { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string? TerminationReason { get; set; }
    /// <summary>The MOU this one renews, if any.</summary>
    public long? RenewsMouId { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }
    public List<MouParty> Parties { get; set; } = [];
    public List<MouItem> Items { get; set; } = [];

    /// <summary>The changes the current state allows (pages offer only these).</summary>
    public IReadOnlyList<MouTransition> AllowedTransitions(DateOnly today) => MouRules.AllowedTransitions(Status, EndDate, today);

    /// <summary>Draft → Active: signed on <paramref name="signingDate"/>; needs two parties and a term not yet over.</summary>
    public void Activate(DateOnly signingDate, DateOnly today)
    {
        if (Status != MouStatus.Draft) throw new RuleViolationException("Only a draft MOU can be signed.");
        if (Parties.Select(p => p.OrganizationId).Distinct().Count() < 2) throw new RuleViolationException("An MOU needs at least two parties.");
        if (EndDate < today) throw new RuleViolationException("The term of this MOU is already over.");
        SigningDate = signingDate;
        Status = MouStatus.Active;
    }

    public void Terminate(string? reason)
    {
        if (Status != MouStatus.Active) throw new RuleViolationException("Only an active MOU can be terminated.");
        if (string.IsNullOrWhiteSpace(reason)) throw new RuleViolationException("Give the reason for the termination.");
        TerminationReason = reason.Trim();
        Status = MouStatus.Terminated;
    }

    /// <summary>Active with its term over → Expired. Returns whether it changed (the job is idempotent).</summary>
    public bool ExpireIfOver(DateOnly today)
    {
        if (Status != MouStatus.Active || EndDate >= today) return false;
        Status = MouStatus.Expired;
        return true;
    }

    /// <summary>Marks this MOU renewed by a new draft (linked back to it), which it returns.</summary>
    public Mou Renew(string newCode, DateOnly newStart, DateOnly newEnd)
    {
        if (Status is not (MouStatus.Active or MouStatus.Expired)) throw new RuleViolationException("Only an active or expired MOU can be renewed.");
        if (newEnd < newStart) throw new RuleViolationException("The term must end after it starts.");
        Status = MouStatus.Renewed;
        return new Mou
        {
            Code = newCode,
            Title = Title,
            Purpose = Purpose,
            StartDate = newStart,
            EndDate = newEnd,
            RenewsMouId = Id,
            Parties = Parties.Select(p => new MouParty
            {
                OrganizationId = p.OrganizationId,
                Role = p.Role,
                SignatoryName = p.SignatoryName,
                SignatoryPosition = p.SignatoryPosition,
                Duties = p.Duties,
            }).ToList(),
        };
    }

    /// <summary>Items and actions can change only while the MOU is a draft or in force.</summary>
    public static bool IsOpenForWork(MouStatus status) => status is MouStatus.Draft or MouStatus.Active;

    /// <summary>Refuses a change to the items or actions of a closed MOU (expired, terminated, renewed).</summary>
    public static void EnsureOpenForWork(MouStatus status)
    {
        if (!IsOpenForWork(status))
            throw new RuleViolationException("This MOU is closed: items and actions can no longer change.");
    }

    /// <summary>Only a draft's details are edited: a signed MOU is not rewritten.</summary>
    public void EnsureDraft()
    {
        if (Status != MouStatus.Draft) throw new RuleViolationException("Only a draft MOU can be edited.");
    }
}
