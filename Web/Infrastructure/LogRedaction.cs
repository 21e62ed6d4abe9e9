using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Wraps every logger provider (console, and any a test adds) so nothing reaches a sink unredacted.</summary>
public static class LogRedactionSetup
{
    public static IServiceCollection AddLogRedaction(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => (ILoggerProvider)new RedactingLoggerProvider(p)),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
}

public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope s) s.SetScopeProvider(scopeProvider);
    }

    // The inner provider is a DI singleton: the container disposes it.
    public void Dispose() { }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var redacted = new RedactedState(LogRedactor.Redact(formatter(state, exception)), state as IEnumerable<KeyValuePair<string, object?>>);
            inner.Log(logLevel, eventId, redacted, exception is null ? null : new RedactedException(exception), static (s, _) => s.Message);
        }
    }

    /// <summary>The message and the structured values (which JSON console output writes too), each redacted.</summary>
    private sealed class RedactedState(string message, IEnumerable<KeyValuePair<string, object?>>? values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values = values?.Select(Redact).ToList() ?? [];
        public string Message { get; } = message;
        public KeyValuePair<string, object?> this[int index] => _values[index];
        public int Count => _values.Count;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => Message;

        private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> kv)
        {
            if (kv.Key == "{OriginalFormat}" || kv.Value is null) return kv;
            var text = Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var clean = LogRedactor.Redact(text);
            return ReferenceEquals(text, clean) || text == clean ? kv : new(kv.Key, clean);
        }
    }
}

/// <summary>An exception as logs show it (message and stack), redacted; the original is not kept in the log entry.</summary>
public sealed class RedactedException(Exception inner) : Exception(LogRedactor.Redact(inner.Message))
{
    public string OriginalType { get; } = inner.GetType().FullName ?? "Exception";
    public override string? StackTrace { get; } = inner.StackTrace;
    public override string ToString() => LogRedactor.Redact(inner.ToString());
}
