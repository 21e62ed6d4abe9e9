using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>An exception as logs show it (message and stack), redacted; the original is not kept in the log entry.</summary>
public sealed class RedactedException(Exception inner) : Exception(LogRedactor.Redact(inner.Message))
{
    public string OriginalType { get; } = inner.GetType().FullName ?? "Exception";
    public override string? StackTrace { get; } = inner.StackTrace;
    public override string ToString() => LogRedactor.Redact(inner.ToString());
}
