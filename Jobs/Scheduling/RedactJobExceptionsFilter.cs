using Hangfire.Common;
using Hangfire.Server;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// Nothing a job shows on the dashboard names a person: the exception a job threw (an SMTP refusal or a constraint
/// error can quote an e-mail address or a national ID) is replaced, before Hangfire records it, by one whose message
/// is redacted as logs are. Hangfire records as the failure whatever leaves its performer, so the filter throws the
/// redacted copy; replacing the failed state later would keep the original in the job's history. The retry reason
/// ("Retry attempt 1 of 2: …") then quotes the redacted message too.
/// </summary>
public sealed class RedactJobExceptionsFilter : JobFilterAttribute, IServerExceptionFilter
{
    public void OnServerException(ServerExceptionContext filterContext)
    {
        var original = filterContext.Exception is JobPerformanceException { InnerException: { } inner } ? inner : filterContext.Exception;
        if (original is RedactedJobException or OperationCanceledException) return;
        throw RedactedJobException.From(original);
    }
}
