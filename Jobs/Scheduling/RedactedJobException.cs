using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// What the job dashboard stores of a failure: the original type and a message redacted as logs are (an SMTP
/// refusal or a constraint error can name a person or an e-mail address), with the original stack trace.
/// </summary>
public sealed class RedactedJobException : Exception
{
    public RedactedJobException() { }
    public RedactedJobException(string message) : base(message) { }
    public RedactedJobException(string message, Exception inner) : base(message, inner) { }

    public static RedactedJobException From(Exception original)
    {
        var redacted = new RedactedJobException($"{original.GetType().FullName}: {LogRedactor.Redact(original.Message)}");
        // Hangfire prints this key's text as the stack trace when present (Hangfire.Common.ShallowExceptionHelper).
        redacted.Data["OriginalStackTrace"] = new System.Diagnostics.StackTrace(original, false).ToString();
        return redacted;
    }
}
