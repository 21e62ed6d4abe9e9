using System.Collections;
using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Web.Infrastructure;

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
