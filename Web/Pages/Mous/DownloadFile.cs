namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>A file to send: the page returns it with File(…), the API with TypedResults.File(…).</summary>
public sealed record DownloadFile(byte[] Content, string ContentType, string FileName);
