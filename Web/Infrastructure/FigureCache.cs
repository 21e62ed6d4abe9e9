using System.Collections.Concurrent;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Aggregate figures (the dashboards, the programme report, the MOU list's load per partner) kept per portal instance
/// and invalidated by the database. Statement triggers on every table the figures read move the sequence
/// <c>figure_data_version</c> (migration 0013); each read first asks for its value (one small round trip) and
/// recomputes when it moved, so a write made on any instance shows on the next request on every instance.
/// <para>
/// Entries are keyed by the caller's data scope as well as by what was asked, so a partner's figures (limited by the
/// query filters to its organisation) are never served to anyone else. One computation per key at a time: when the
/// version moves, the first request computes and the others wait for it instead of all aggregating at once.
/// An entry lives at most <see cref="MaxAge"/>: a reader that starts in the moment between a writer's statement (which
/// moves the version) and its commit computes from the data before the write, and the age limit bounds how long that
/// result can be served.
/// </para>
/// </summary>
public sealed class FigureCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 2_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Version, DateTimeOffset At, Task<object> Value)
    {
        public bool Usable(long version, DateTimeOffset now) =>
            Version == version && now - At < MaxAge && !Value.IsFaulted && !Value.IsCanceled;
    }

    // The version read once per DbContext, i.e. once per request: a page that shows several cached figures pays one round trip.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppDbContext, Task<long>> _versionOfContext = new();

    /// <summary>The current data version (the one round trip a cached read costs).</summary>
    public static Task<long> VersionAsync(AppDbContext db, CancellationToken ct = default) =>
        db.Database.SqlQueryRaw<long>("SELECT figure_data_version_value() AS \"Value\"").SingleAsync(ct);

    /// <summary>
    /// The version a page already read with its rows (<see cref="AppDbContext.FigureDataVersion"/>): the cached
    /// figures of this request then cost no round trip of their own.
    /// </summary>
    public void UseVersion(AppDbContext db, long version) => _versionOfContext.AddOrUpdate(db, Task.FromResult(version));

    /// <summary>
    /// The figures under <paramref name="key"/> for the scope of <paramref name="db"/>, computed by
    /// <paramref name="compute"/> (with that same context) when missing or out of date.
    /// </summary>
    public async Task<T> GetAsync<T>(AppDbContext db, string key, Func<Task<T>> compute, CancellationToken ct = default) where T : class
    {
        var scoped = $"{typeof(T).Name}|{key}|org={db.ScopeOrganizationId}|trainee={db.ScopeTraineeId}";
        var version = await _versionOfContext.GetValue(db, d => VersionAsync(d, CancellationToken.None));
        while (true)
        {
            var now = clock.GetUtcNow();
            _entries.TryGetValue(scoped, out var current);
            if (current is not null && current.Usable(version, now)) return (T)await current.Value.WaitAsync(ct);

            var result = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new Entry(version, now, result.Task);
            var won = current is null ? _entries.TryAdd(scoped, mine) : _entries.TryUpdate(scoped, mine, current);
            if (!won) continue; // another request started the same computation a moment ago: use it
            if (_entries.Count > MaxEntries) Trim(now);
            try
            {
                // Not cancelled with this request: others may be waiting for the same result.
                var value = await compute();
                result.SetResult(value);
                return value;
            }
            catch (Exception e)
            {
                result.SetException(e);
                _entries.TryRemove(new KeyValuePair<string, Entry>(scoped, mine));
                throw;
            }
        }
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
            if (now - entry.At >= MaxAge || entry.Value.IsCompleted) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }
}
