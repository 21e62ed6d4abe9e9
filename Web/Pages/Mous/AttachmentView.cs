namespace PartnerPrograms.Web.Pages.Mous;

public sealed record AttachmentView(long Id, string FileName, string ContentType, long Size, DateTime UploadedAt,
    string UploadedByName);
