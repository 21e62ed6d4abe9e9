using System.Collections.Concurrent;
using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide and its classes keep the loggers they were given, so pointing it at one
/// host's logger factory breaks every other host's Hangfire logging when that host is disposed (ObjectDisposedException
/// in the tests, which run many hosts in one process). This provider writes to the newest host still alive; in a
/// deployed process there is one host and it simply writes to it.
/// </summary>
public sealed class HostsLogProvider : ILogProvider
{
    public static HostsLogProvider Instance { get; } = new();
    private readonly List<ILoggerFactory> _factories = [];
    private readonly ConcurrentDictionary<(ILoggerFactory, string), ILog> _loggers = new();

    public void Add(ILoggerFactory factory)
    {
        lock (_factories) if (!_factories.Contains(factory)) _factories.Add(factory);
    }

    public ILog GetLogger(string name) => new ForwardingLog(this, name);

    private bool Log(string name, Hangfire.Logging.LogLevel level, Func<string>? message, Exception? exception)
    {
        while (true)
        {
            ILoggerFactory? factory;
            lock (_factories) factory = _factories.Count == 0 ? null : _factories[^1];
            if (factory is null) return false;
            try
            {
                var log = _loggers.GetOrAdd((factory, name), key => new AspNetCoreLogProvider(key.Item1).GetLogger(key.Item2));
                return log.Log(level, message!, exception!);
            }
            catch (ObjectDisposedException)
            {
                lock (_factories) _factories.Remove(factory);
                foreach (var key in _loggers.Keys.Where(k => ReferenceEquals(k.Item1, factory))) _loggers.TryRemove(key, out _);
            }
        }
    }

    private sealed class ForwardingLog(HostsLogProvider provider, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception = null!) =>
            provider.Log(name, logLevel, messageFunc, exception);
    }
}
