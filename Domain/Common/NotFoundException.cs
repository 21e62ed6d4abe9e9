namespace PartnerPrograms.Domain.Common;

/// <summary>The record does not exist for the caller (including records outside their scope: 404, never 403).</summary>
public sealed class NotFoundException(string message = "Not found") : Exception(message);
