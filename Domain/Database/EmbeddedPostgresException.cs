namespace PartnerPrograms.Domain.Database;

/// <summary>The embedded server cannot start or be used; the message says why and what to do. Nothing was deleted.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
