namespace PartnerPrograms.Domain.Common;

/// <summary>A business rule refused a change (e.g. activating an expired MOU). The message says why, in English;
/// pages translate it through the localizer.</summary>
public sealed class RuleViolationException(string message) : Exception(message);

/// <summary>The record does not exist for the caller (including records outside their scope: 404, never 403).</summary>
public sealed class NotFoundException(string message = "Not found") : Exception(message);
