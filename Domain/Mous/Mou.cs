namespace PartnerPrograms.Domain.Mous;

public enum MouStatus { Draft, Active, Expired, Terminated, Renewed }
public enum PartyRole { Lead, Partner, Witness }
public enum ActionStatus { NotStarted, InProgress, Done, Blocked, Cancelled }

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

public enum MouTransition { Activate, Terminate, Renew }

public class MouParty
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public long OrganizationId { get; set; }
    public PartyRole Role { get; set; } = PartyRole.Partner;
    public string SignatoryName { get; set; } = "";
    public string? SignatoryPosition { get; set; }
    /// <summary>What this party undertakes (หน้าที่ของแต่ละฝ่าย), printed in the agreement.</summary>
    public string? Duties { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A cooperation item (ประเด็นความร่วมมือ).</summary>
public class MouItem
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<MouAction> Actions { get; set; } = [];
}

/// <summary>An action (ภารกิจ) under an item: what, who, a contact, a due date, a status and a trail of updates.</summary>
public class MouAction
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public long ItemId { get; set; }
    public string Title { get; set; } = "";
    public long ResponsibleOrganizationId { get; set; }
    public string? ContactName { get; set; }
    public DateOnly? DueDate { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.NotStarted;
    public int Percent { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }
    public List<ActionUpdate> Updates { get; set; } = [];

    public bool IsOverdue(DateOnly today) => MouRules.IsOverdue(DueDate, Status, today);

    /// <summary>Who may post progress: staff on any action, a partner only on its own organisation's.</summary>
    public static bool IsWritableBy(long responsibleOrganizationId, bool isStaff, long? organizationId) =>
        isStaff || organizationId == responsibleOrganizationId;

    public void EnsureWritableBy(bool isStaff, long? organizationId)
    {
        if (!IsWritableBy(ResponsibleOrganizationId, isStaff, organizationId))
            throw new ForbiddenException("This action is assigned to another organisation.");
    }

    /// <summary>Moves the status; done means 100 %, and a cancelled action stays cancelled.</summary>
    public void ChangeStatus(ActionStatus next)
    {
        if (next == Status) return;
        MouRules.EnsureStatusChange(Status, next);
        Status = next;
        if (next == ActionStatus.Done) Percent = 100;
    }

    /// <summary>Records a progress update: the trail grows, nothing is overwritten.</summary>
    public ActionUpdate Post(string? text, int? percent, ActionStatus? status, string byName, Guid? byUser, DateTime at)
    {
        RuleViolationException.ThrowIfAny(MouRules.ValidateUpdate(text, percent));
        var update = new ActionUpdate
        {
            ActionId = Id,
            MouId = MouId,
            Text = text!.Trim(),
            Percent = percent!.Value,
            Status = status ?? Status,
            PostedAt = at,
            PostedByName = byName,
            PostedByUserId = byUser,
        };
        ChangeStatus(update.Status);
        Percent = Status == ActionStatus.Done ? 100 : update.Percent;
        Updates.Add(update);
        return update;
    }
}

public class ActionUpdate
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public long ActionId { get; set; }
    public string Text { get; set; } = "";
    public int Percent { get; set; }
    public ActionStatus Status { get; set; }
    public DateTime PostedAt { get; set; }
    public string PostedByName { get; set; } = "";
    public Guid? PostedByUserId { get; set; }
    public long? AttachmentId { get; set; }
}

/// <summary>A file: the signed scan of an MOU, or a file with a progress update. Kept in the database.</summary>
public class MouAttachment
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
}

/// <summary>One change to an MOU, an item or an action: who, when, what.</summary>
public class MouAuditEntry
{
    public long Id { get; set; }
    public long MouId { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public Guid? UserId { get; set; }
    /// <summary>Mou, Item, Action, Update, Attachment.</summary>
    public string Entity { get; set; } = "";
    public long EntityId { get; set; }
    public string Change { get; set; } = "";
}
