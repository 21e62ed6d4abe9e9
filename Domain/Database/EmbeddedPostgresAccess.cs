using Microsoft.Extensions.Logging;
using Npgsql;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// Who may sign in to the embedded server, and as what: SCRAM passwords for every connection (local socket and TCP),
/// the portal's own role that owns its databases but is not a superuser (a superuser can run programs on the host with
/// COPY … TO PROGRAM), and the one-time conversion of folders that older versions made with "trust" and a single
/// superuser role named app.
/// </summary>
internal static class EmbeddedPostgresAccess
{
    private const string ConversionHelperRole = "pp_convert";

    /// <summary>What a folder made by an older version has: some pg_hba.conf line with the method "trust".</summary>
    public static bool HbaTrusts(string dataDirectory)
    {
        var hba = Path.Combine(dataDirectory, "pg_hba.conf");
        return File.Exists(hba) && File.ReadLines(hba)
            .Select(l => l.Split('#', 2)[0])
            .Any(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains("trust", StringComparer.Ordinal));
    }

    /// <summary>The portal's role: may sign in and owns what it creates; no superuser, no new roles or databases.
    /// Run on every start, so a role someone widened by hand is narrowed again.</summary>
    public static async Task EnsureAppRoleAsync(NpgsqlConnection admin, string password, CancellationToken ct)
    {
        const string attributes = "login nosuperuser nocreatedb nocreaterole noreplication nobypassrls";
        var role = EmbeddedPostgres.DatabaseUser;
        var exists = await ScalarAsync(admin, $"select 1 from pg_roles where rolname = '{role}'", ct) is not null;
        try
        {
            await ExecAsync(admin, $"{(exists ? "alter" : "create")} role \"{role}\" {attributes} password '{password}'", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateObject)
        {
            await ExecAsync(admin, $"alter role \"{role}\" {attributes} password '{password}'", ct); // created meanwhile by another instance
        }
        // The built-in roles that reach the host's programs and files are never the portal's.
        foreach (var powerful in new[] { "pg_execute_server_program", "pg_read_server_files", "pg_write_server_files" })
            await ExecAsync(admin, $"revoke {powerful} from \"{role}\"", ct);
    }

    /// <summary>
    /// Converts a folder made with trust: the bootstrap superuser becomes "postgres" with a password, a new
    /// non-superuser "app" takes over every database and every object the old superuser made in it, and pg_hba.conf
    /// asks everyone for a password. Each step can run again, so a conversion cut short finishes on the next start.
    /// </summary>
    public static async Task ConvertFromTrustAsync(EmbeddedPostgres server, EmbeddedPostgresCredentials credentials, ILogger logger, CancellationToken ct)
    {
        logger.LogWarning("The embedded PostgreSQL in {DataDirectory} accepts connections without a password (made by an older version): " +
                          "converting it to SCRAM passwords and a portal role that is not a superuser; the data stays", server.DataDirectory);
        string Trusted(string user, string database = "postgres") =>
            $"Host=127.0.0.1;Port={server.Port};Username={user};Database={database};Pooling=false";

        var bootstrap = await BootstrapSuperuserAsync(Trusted, ct);
        if (bootstrap != EmbeddedPostgres.SuperUser)
        {
            // A role cannot rename itself: a short-lived helper superuser renames it, then goes.
            await using (var old = await OpenAsync(Trusted(bootstrap), ct))
            {
                if (await ScalarAsync(old, $"select 1 from pg_roles where rolname = '{EmbeddedPostgres.SuperUser}'", ct) is not null)
                    throw new EmbeddedPostgresException(
                        $"'{server.DataDirectory}' has both a superuser '{bootstrap}' and a role '{EmbeddedPostgres.SuperUser}': convert it by hand " +
                        "(see README, 'The embedded PostgreSQL'). Nothing was changed.");
                await ExecAsync(old, $"drop role if exists {ConversionHelperRole}; create role {ConversionHelperRole} superuser login", ct);
            }
            await using (var helper = await OpenAsync(Trusted(ConversionHelperRole), ct))
                await ExecAsync(helper, $"alter role \"{bootstrap}\" rename to \"{EmbeddedPostgres.SuperUser}\"", ct);
        }

        await using var admin = await OpenAsync(Trusted(EmbeddedPostgres.SuperUser), ct);
        await ExecAsync(admin, $"drop role if exists {ConversionHelperRole}", ct);
        await ExecAsync(admin, $"alter role \"{EmbeddedPostgres.SuperUser}\" password '{credentials.SuperUser}'", ct);
        await EnsureAppRoleAsync(admin, credentials.App, ct);
        var databases = new List<string>();
        await using (var cmd = new NpgsqlCommand("select datname from pg_database where datallowconn and not datistemplate and datname <> 'postgres'", admin))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) databases.Add(reader.GetString(0));
        foreach (var database in databases)
        {
            await ExecAsync(admin, $"alter database \"{database}\" owner to \"{EmbeddedPostgres.DatabaseUser}\"", ct);
            await using var inside = await OpenAsync(Trusted(EmbeddedPostgres.SuperUser, database), ct);
            await ExecAsync(inside, TransferOwnershipSql, ct);
            logger.LogInformation("Database {Database}: now owned by the role {Role}", database, EmbeddedPostgres.DatabaseUser);
        }

        WriteScramHba(server.DataDirectory);
        await ExecAsync(admin, "select pg_reload_conf()", ct);
        logger.LogWarning("The embedded PostgreSQL in {DataDirectory} now requires passwords (in {SuperUserFile} and {AppFile}, mode 0600)",
            server.DataDirectory, EmbeddedPostgresCredentials.SuperUserFile, EmbeddedPostgresCredentials.AppFile);
    }

    /// <summary>Every connection, local or over TCP, signs in with a SCRAM password. Replaced atomically.</summary>
    public static void WriteScramHba(string dataDirectory)
    {
        var hba = Path.Combine(dataDirectory, "pg_hba.conf");
        var temp = hba + ".tmp";
        File.WriteAllText(temp, $"""
            # Written by PartnerPrograms: a password (SCRAM) for every connection. The passwords are in
            # {EmbeddedPostgresCredentials.SuperUserFile} (superuser "{EmbeddedPostgres.SuperUser}", administration only)
            # and {EmbeddedPostgresCredentials.AppFile} (role "{EmbeddedPostgres.DatabaseUser}", the portal's).
            local   all           all                   scram-sha-256
            host    all           all     127.0.0.1/32  scram-sha-256
            host    all           all     ::1/128       scram-sha-256
            local   replication   all                   scram-sha-256
            host    replication   all     127.0.0.1/32  scram-sha-256
            host    replication   all     ::1/128       scram-sha-256

            """);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (EmbeddedPostgres.RunningAsRoot) DataFolderOwnership.Chown(temp);
        File.Move(temp, hba, overwrite: true);
    }

    /// <summary>
    /// Hands what the bootstrap superuser (oid 10) made outside the system schemas to the portal's role: schemas,
    /// tables, views, free-standing sequences (those of a column follow their table), functions and types. Members of
    /// extensions stay as they are; the migrations never change them.
    /// </summary>
    private const string TransferOwnershipSql = """
        do $$
        declare r record;
        begin
          for r in select n.nspname from pg_namespace n
                   where n.nspowner = 10 and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
          loop execute format('alter schema %I owner to app', r.nspname); end loop;

          for r in select c.oid::regclass as obj, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where c.relowner = 10 and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                     and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                     and (d.deptype = 'e' or (c.relkind = 'S' and d.deptype in ('a', 'i'))))
          loop
            execute format('alter %s %s owner to app',
              case r.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table'
                             when 'S' then 'sequence' else 'table' end, r.obj);
          end loop;

          for r in select p.oid::regprocedure as obj from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where p.proowner = 10 and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
          loop execute format('alter routine %s owner to app', r.obj); end loop;

          for r in select t.oid::regtype as obj, t.typtype from pg_type t join pg_namespace n on n.oid = t.typnamespace
                   where t.typowner = 10 and n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                     and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
          loop execute format('alter %s %s owner to app', case r.typtype when 'd' then 'domain' else 'type' end, r.obj); end loop;
        end $$;
        """;

    private static async Task<string> BootstrapSuperuserAsync(Func<string, string, string> trusted, CancellationToken ct)
    {
        // Folders converted half-way already call it postgres; older ones only know app.
        foreach (var candidate in new[] { EmbeddedPostgres.SuperUser, EmbeddedPostgres.DatabaseUser })
        {
            try
            {
                await using var conn = await OpenAsync(trusted(candidate, "postgres"), ct);
                return (string)(await ScalarAsync(conn, "select rolname from pg_roles where oid = 10", ct))!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidAuthorizationSpecification) { }
        }
        throw new EmbeddedPostgresException("Could not sign in to the embedded PostgreSQL to convert it: neither 'postgres' nor 'app' exists.");
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return conn;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
