namespace PartnerPrograms.Domain.Mous;

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
