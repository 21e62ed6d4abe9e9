namespace PartnerPrograms.Domain.Email;

public class OutboxAttachment
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}
