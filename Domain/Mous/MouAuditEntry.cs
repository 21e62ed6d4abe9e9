namespace PartnerPrograms.Domain.Mous;

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
