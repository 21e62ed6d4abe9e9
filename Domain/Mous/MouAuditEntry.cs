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
    /// <summary>The change in English (as written before phrases were kept, and for logs and exports).</summary>
    public string Change { get; set; } = "";
    /// <summary>The change as <see cref="AuditPhrase"/>s (JSON), shown in the reader's language; null on old entries.</summary>
    public string? Phrases { get; set; }

    /// <summary>An entry for a change told in phrases; its English text is kept too.</summary>
    public static MouAuditEntry Of(
        long mouId, DateTime at, string userName, Guid? userId, string entity, long entityId, IReadOnlyList<AuditPhrase> phrases)
    {
        var english = string.Join("; ", phrases.Select(p => p.English()));
        return new MouAuditEntry
        {
            MouId = mouId,
            At = at,
            UserName = userName,
            UserId = userId,
            Entity = entity,
            EntityId = entityId,
            Change = english.Length > 4000 ? english[..4000] : english,
            Phrases = AuditPhrase.Serialize(phrases),
        };
    }
}
