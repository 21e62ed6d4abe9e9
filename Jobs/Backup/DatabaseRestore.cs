using Npgsql;

namespace PartnerPrograms.Jobs.Backup;

/// <summary>
/// `restore --from FILE [--force]`: puts a pg_dump -Fc backup into the configured database, all or nothing
/// (pg_restore --single-transaction). It refuses a database that holds anything unless --force, which empties it
/// first, and refuses while other connections (a running portal) use it. Start the portal afterwards: it applies
/// the migrations newer than the backup.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<int> RunAsync(string file, bool force, string connectionString, string? binDirectory,
        TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var target = $"database '{cs.Database}' on {cs.Host}:{cs.Port}";
        var pgRestore = BackupSettings.Tool(binDirectory, "pg_restore");
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"There is no file '{file}'. Nothing was changed.");
            return 1;
        }
        int entries;
        try { entries = await DatabaseBackup.CheckAsync(pgRestore, file, ct); }
        catch (BackupException e)
        {
            await error.WriteLineAsync($"'{file}' is not a backup pg_restore can read (one made by pg_dump -Fc, " +
                                       $"as the backup job does). Nothing was changed. {e.Message}");
            return 1;
        }

        await using (var conn = new NpgsqlConnection(cs.ConnectionString))
        {
            await conn.OpenAsync(ct);
            var others = await ScalarAsync(conn, """
                select count(*) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
                """, ct);
            if (others > 0)
            {
                await error.WriteLineAsync($"{others} other connection(s) use the {target}: stop the portal (every web instance and the job server) " +
                                           "and run restore again. Nothing was changed.");
                return 1;
            }
            var objects = await ScalarAsync(conn, """
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
                  and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                """, ct);
            if (objects > 0 && !force)
            {
                await error.WriteLineAsync($"The {target} is not empty ({objects} tables, sequences and views): restore will not overwrite it. " +
                                           "Run it again with --force to replace everything in it with the backup. Nothing was changed.");
                return 1;
            }
            if (objects > 0)
            {
                try { await EmptyAsync(conn, ct); }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    await error.WriteLineAsync($"The role '{cs.Username}' may not empty the {target} ({e.MessageText}). Ask the database's administrator " +
                                               "to drop and re-create it empty (owned by that role), then run restore without --force. Nothing was changed.");
                    return 1;
                }
                await output.WriteLineAsync($"Emptied the {target} ({objects} tables, sequences and views) as --force asked.");
            }
        }

        try
        {
            await PgClientTools.RunAsync(
                pgRestore,
                ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "-d", cs.Database!, file],
                cs.ConnectionString,
                ct);
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync($"The restore failed and was rolled back (the {target} is empty{(force ? "" : ", as it was")}): {e.Message}");
            return 1;
        }
        await output.WriteLineAsync($"Restored '{file}' ({entries} entries) into the {target}. Start the portal: it applies the migrations newer " +
                                    "than the backup. Erasures of personal data done after the backup was taken must be done again " +
                                    "(README, 'Backup and restore').");
        return 0;
    }

    /// <summary>Everything the portal keeps goes: its own schemas (hangfire …) and public, re-created as PostgreSQL makes it.</summary>
    private static async Task EmptyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            do $$
            declare r record;
            begin
              for r in select nspname from pg_namespace
                       where nspname not like 'pg\_%' and nspname not in ('information_schema', 'public')
              loop execute format('drop schema %I cascade', r.nspname); end loop;
            end $$;
            drop schema public cascade;
            create schema public;
            alter schema public owner to pg_database_owner;
            grant usage on schema public to public;
            """, conn, tx))
            await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
