namespace PartnerPrograms.Domain.Mous;

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
