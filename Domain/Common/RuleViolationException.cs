namespace PartnerPrograms.Domain.Common;

/// <summary>
/// A business rule refused a change (e.g. activating an expired MOU): the one way the domain reports a failure. The
/// messages are English keys (pages translate them through the localizer). <see cref="Errors"/> names the field each
/// message belongs to in the API's camelCase ("title", "percent"); "" is the change as a whole. Pages show the messages
/// in their form (RuleViolationPageFilter); the API answers 400 with the fields when any is named, else 409.
/// </summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException(string message, string? field = null) : base(message) =>
        Errors = new Dictionary<string, string[]> { [field ?? ""] = [message] };

    /// <summary>Several fields at once, e.g. a whole form's validation.</summary>
    public RuleViolationException(IReadOnlyDictionary<string, string[]> errors)
        : base(errors.Values.SelectMany(m => m).FirstOrDefault() ?? "Invalid.") => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The field of the first message, or null when it concerns the change as a whole.</summary>
    public string? Field => Errors.Keys.FirstOrDefault(k => k.Length > 0);

    /// <summary>Someone else saved the record since the caller read it: nothing was overwritten.</summary>
    public bool IsVersionConflict { get; private init; }

    public static RuleViolationException VersionConflict(string message) => new(message) { IsVersionConflict = true };

    /// <summary>Throws when <paramref name="errors"/> holds anything (a validation's result).</summary>
    public static void ThrowIfAny(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new RuleViolationException(errors);
    }
}
