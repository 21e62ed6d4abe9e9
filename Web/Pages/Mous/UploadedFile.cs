namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>A file as read from the request, within the size limit.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);
