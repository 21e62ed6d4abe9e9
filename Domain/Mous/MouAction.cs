namespace PartnerPrograms.Domain.Mous;

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
