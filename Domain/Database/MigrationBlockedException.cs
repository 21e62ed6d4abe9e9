using Npgsql;

namespace PartnerPrograms.Domain.Database;

/// <summary>A migration could not get its table locks in time, every attempt: what to look for, rather than a frozen start.</summary>
public sealed class MigrationBlockedException(string version, Migrator.Options options, PostgresException inner) : Exception(
    $"Migration {version} could not lock the tables it changes: another session held them longer than the lock timeout " +
    $"({options.LockTimeout.TotalSeconds:0.#} s) on each of {options.Attempts} attempts. Nothing of {version} was applied. A long-running " +
    "query or an open transaction is the usual cause: find it with `select pid, state, xact_start, query from pg_stat_activity " +
    "where state <> 'idle' order by xact_start`, let it finish or end it (pg_cancel_backend / pg_terminate_backend), then start " +
    "the portal again.", inner)
{
    public string Version { get; } = version;
}
