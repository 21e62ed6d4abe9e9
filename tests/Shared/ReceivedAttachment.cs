namespace PartnerPrograms.Tests.Shared;

/// <summary>An attachment as a mail client would save it: its decoded file name and its decoded bytes.</summary>
public sealed record ReceivedAttachment(string? FileName, string ContentType, byte[] Content);
