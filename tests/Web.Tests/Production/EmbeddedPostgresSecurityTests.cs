using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Jobs.Scheduling;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Production;

/// <summary>
/// The embedded PostgreSQL asks every connection for a password (kept in 0600 files in the data folder), the portal
/// signs in as a role that is not a superuser and so cannot run programs on the host, and a folder made with trust
/// by an older version is converted on its next start with its data.
/// </summary>
public class EmbeddedPostgresSecurityTests : IAsyncLifetime
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pp-pgsec-" + Guid.NewGuid().ToString("N")[..10]);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private static async Task<object?> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    private static void PasswordFilesAreOwnerOnly(string dataDirectory)
    {
        foreach (var file in new[] { EmbeddedPostgresCredentials.SuperUserFile, EmbeddedPostgresCredentials.AppFile })
        {
            var path = Path.Combine(dataDirectory, file);
            File.Exists(path).ShouldBeTrue(file);
            File.GetUnixFileMode(path).ShouldBe(OwnerReadWrite, file);
            File.ReadAllText(path).Trim().Length.ShouldBe(64, file);
        }
        File.ReadAllLines(Path.Combine(dataDirectory, "pg_hba.conf")).Where(l => !l.TrimStart().StartsWith('#'))
            .ShouldAllBe(l => !l.Contains("trust"));
    }

    /// <summary>Without its password, or with a wrong one, no role gets in: over TCP or over the local socket.</summary>
    private static async Task NoConnectionWithoutThePasswordAsync(EmbeddedPostgres server, string database)
    {
        foreach (var user in new[] { EmbeddedPostgres.DatabaseUser, EmbeddedPostgres.SuperUser })
        {
            var noPassword = $"Host=127.0.0.1;Port={server.Port};Username={user};Database={database};Pooling=false;Timeout=5";
            await Should.ThrowAsync<NpgsqlException>(() => ScalarAsync(noPassword, "select 1"));
            foreach (var host in new[] { "127.0.0.1", server.DataDirectory })
            {
                var wrong = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(noPassword.Replace("Host=127.0.0.1", "Host=" + host, StringComparison.Ordinal) + ";Password=guess", "select 1"));
                wrong.SqlState.ShouldBe(PostgresErrorCodes.InvalidPassword, $"{user} via {host}");
            }
        }
    }

    [Fact]
    public async Task A_new_folder_gets_0600_password_files_and_refuses_connections_without_the_password()
    {
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(_work, "pg"), "pp_secure");
        PasswordFilesAreOwnerOnly(server.DataDirectory);
        await NoConnectionWithoutThePasswordAsync(server, "pp_secure");
        (await ScalarAsync(server.ConnectionString("pp_secure"), "select current_user")).ShouldBe(EmbeddedPostgres.DatabaseUser);
        (await ScalarAsync(server.AdminConnectionString(), "select rolname from pg_roles where oid = 10")).ShouldBe(EmbeddedPostgres.SuperUser);
    }

    [Fact]
    public async Task The_portal_role_is_no_superuser_cannot_run_programs_but_can_migrate_and_run_the_job_store()
    {
        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(_work, "pg"), "pp_roles");
        var cs = server.ConnectionString("pp_roles");
        (await ScalarAsync(cs, "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles where rolname = current_user")).ShouldBe(false);

        var copy = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(cs, "copy (select 1) to program 'true'"));
        copy.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        copy.MessageText.ShouldContain("must be superuser or have privileges of the pg_execute_server_program role");
        var readFile = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(cs, "select pg_read_file('/etc/passwd')"));
        readFile.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        // What it needs it has: every migration (schema public, pg_trgm) and Hangfire's schema.
        (await Migrator.MigrateAsync(cs)).Count.ShouldBe(Migrator.Scripts.Count);
        await JobSchema.InstallAsync(cs);
        (await ScalarAsync(cs, "select count(*) from pg_tables where schemaname = 'hangfire'")).ShouldBe(12L);
        (await ScalarAsync(cs, "select count(*) from pg_tables where schemaname in ('public', 'hangfire') and tableowner <> 'app'")).ShouldBe(0L);
    }

    [Fact]
    public async Task A_trust_era_folder_is_converted_on_its_next_start_and_keeps_its_data()
    {
        // A developer's folder from before: trust, superuser "app", migrated, with a user and an organisation in it.
        var dir = Path.Combine(_work, "pg");
        var legacy = await LegacyTrustFolder.CreateAndStartAsync(dir, "pp_legacy");
        await Migrator.MigrateAsync(legacy.ConnectionString("pp_legacy"));
        await JobSchema.InstallAsync(legacy.ConnectionString("pp_legacy"));
        await using (var before = new PortalFactory(legacy.ConnectionString("pp_legacy")))
        {
            await before.CreateUserAsync("staff@example.org", Roles.Staff);
            await before.CreateOrganizationAsync("กรมการพัฒนาชุมชน");
        }
        NpgsqlConnection.ClearAllPools();
        await legacy.StopAsync();

        // Its next start, as the portal starts it (embedded, in Testing: EmbeddedPostgres:Enabled needed).
        await using var app = new PortalFactory("", new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "",
            ["EmbeddedPostgres:Enabled"] = "true",
            ["EmbeddedPostgres:DataDirectory"] = dir,
            ["EmbeddedPostgres:Database"] = "pp_legacy",
        });
        (await app.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var server = app.Services.GetRequiredService<PortalDatabase>().Embedded!;
        try
        {
            PasswordFilesAreOwnerOnly(dir);
            await NoConnectionWithoutThePasswordAsync(server, "pp_legacy");
            var admin = server.AdminConnectionString("pp_legacy");
            (await ScalarAsync(admin, "select rolname from pg_roles where oid = 10")).ShouldBe(EmbeddedPostgres.SuperUser);
            (await ScalarAsync(admin, "select rolsuper from pg_roles where rolname = 'app'")).ShouldBe(false);
            (await ScalarAsync(admin, "select pg_get_userbyid(datdba) from pg_database where datname = 'pp_legacy'")).ShouldBe("app");
            (await ScalarAsync(admin, """
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname in ('public', 'hangfire') and c.relkind in ('r', 'S', 'v') and pg_get_userbyid(c.relowner) <> 'app'
                """)).ShouldBe(0L);

            // The data is there: the organisation, and the staff member signs in with the password set before.
            (await app.DbAsync(db => db.Organizations.Select(o => o.NameTh).ToListAsync())).ShouldBe(["กรมการพัฒนาชุมชน"]);
            (await (await app.SignedInClientAsync("staff@example.org")).GetAsync("/Partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
            // The portal's role owns the converted tables: it writes, and it can change them as a migration would.
            await app.CreateOrganizationAsync("ธนาคารออมสิน");
            await ScalarAsync(server.ConnectionString("pp_legacy"), "alter table organizations add column probe int; alter table organizations drop column probe");
            var copy = await Should.ThrowAsync<PostgresException>(() => ScalarAsync(server.ConnectionString("pp_legacy"), "copy (select 1) to program 'true'"));
            copy.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        finally { NpgsqlConnection.ClearAllPools(); }
    }
}
