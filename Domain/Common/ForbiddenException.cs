namespace PartnerPrograms.Domain.Common;

/// <summary>
/// The caller may see the record but not change it (e.g. a partner posting on another organisation's action): 403.
/// Thrown by the handlers that own the authorisation of an operation, so pages and the API refuse alike.
/// </summary>
public sealed class ForbiddenException(string message) : Exception(message);
