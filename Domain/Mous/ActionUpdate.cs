namespace PartnerPrograms.Domain.Mous;

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
