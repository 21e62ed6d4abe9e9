using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

public class DatabaseTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), "pp-embedded-" + Guid.NewGuid().ToString("N")[..12]);

    private static async Task<object?> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_embedded_server_keeps_data_across_a_restart_and_stops_cleanly()
    {
        var dir = TempDir();
        try
        {
            var first = await EmbeddedPostgres.StartAsync(dir, "keep");
            File.Exists(Path.Combine(dir, "PG_VERSION")).ShouldBeTrue();
            await ScalarAsync(first.ConnectionString("keep"), "create table kept(v text); insert into kept values ('สวัสดี')");
            await first.StopAsync();
            File.Exists(Path.Combine(dir, "postmaster.pid")).ShouldBeFalse("stopped cleanly");

            await using var second = await EmbeddedPostgres.StartAsync(dir, "keep");
            (await ScalarAsync(second.ConnectionString("keep"), "select v from kept")).ShouldBe("สวัสดี");

            // A second start on the same folder while it runs reuses the running server.
            var third = await EmbeddedPostgres.StartAsync(dir, "keep");
            third.Port.ShouldBe(second.Port);
            await third.StopAsync(); // not started by it: must not stop the server
            (await ScalarAsync(second.ConnectionString("keep"), "select count(*) from kept")).ShouldBe(1L);
        }
        finally { TryDelete(dir); }
    }

    [Fact]
    public async Task A_folder_that_is_not_a_data_directory_is_refused_and_left_alone()
    {
        var dir = TempDir();
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "my files");
        try
        {
            var e = await Should.ThrowAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(dir));
            e.Message.ShouldContain("not a PostgreSQL data directory");
            Directory.GetFileSystemEntries(dir).Length.ShouldBe(1);
            (await File.ReadAllTextAsync(Path.Combine(dir, "notes.txt"))).ShouldBe("my files");
        }
        finally { TryDelete(dir); }
    }

    [Fact]
    public async Task A_folder_of_another_major_version_is_refused_and_left_alone()
    {
        var dir = TempDir();
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "PG_VERSION"), "9\n");
        try
        {
            var e = await Should.ThrowAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(dir));
            e.Message.ShouldContain("PostgreSQL 9 cluster");
            (await File.ReadAllTextAsync(Path.Combine(dir, "PG_VERSION"))).ShouldBe("9\n");
        }
        finally { TryDelete(dir); }
    }

    [Fact]
    public async Task Health_is_200_with_the_database_and_503_without_it()
    {
        var dir = TempDir();
        var server = await EmbeddedPostgres.StartAsync(dir, "health");
        try
        {
            await Migrator.MigrateAsync(server.ConnectionString("health"));
            await using var app = new PortalFactory(server.ConnectionString("health"));
            var client = app.CreateClient();
            await app.CreateUserAsync("admin@example.org", Roles.Admin);
            await app.CreateUserAsync("staff@example.org", Roles.Staff);
            var admin = await app.SignedInClientAsync("admin@example.org");
            var staff = await app.SignedInClientAsync("staff@example.org");
            // A load balancer (anonymous) and anyone but an admin learn healthy or unhealthy, nothing else.
            foreach (var caller in new[] { client, staff })
            {
                var ok = await caller.GetAsync("/health");
                ok.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await ok.Content.ReadAsStringAsync()).ShouldBe("{\"status\":\"healthy\"}");
            }
            (await (await admin.GetAsync("/health")).Content.ReadAsStringAsync()).ShouldContain("\"migrations\":\"current\"");

            await server.StopAsync();
            var down = await client.GetAsync("/health");
            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await down.Content.ReadAsStringAsync()).ShouldBe("{\"status\":\"unhealthy\"}");
            // The admin's cookie is read without the database (its stamp was checked less than a minute ago).
            var adminDown = await admin.GetAsync("/health");
            adminDown.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            JsonDocument.Parse(await adminDown.Content.ReadAsStringAsync()).RootElement.GetProperty("database").GetString().ShouldBe("down");
        }
        finally { await server.StopAsync(); TryDelete(dir); }
    }

    [Fact]
    public async Task Health_is_503_while_migrations_are_pending()
    {
        var cs = await TestDatabase.CreateAsync();
        await using var app = new PortalFactory(cs);
        var client = app.CreateClient();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.CreateUserAsync("admin@example.org", Roles.Admin);
        var admin = await app.SignedInClientAsync("admin@example.org");
        await ScalarAsync(cs, $"delete from schema_migrations where version = '{Migrator.Scripts[^1].Version}'");
        var pending = await client.GetAsync("/health");
        pending.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var anonymousBody = await pending.Content.ReadAsStringAsync();
        anonymousBody.ShouldBe("{\"status\":\"unhealthy\"}");
        anonymousBody.ShouldNotContain(Migrator.Scripts[^1].Version, customMessage: "which migrations are pending tells what version runs");
        var detailed = await admin.GetAsync("/health");
        detailed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await detailed.Content.ReadAsStringAsync()).ShouldContain(Migrator.Scripts[^1].Version);
    }

    [Fact]
    public async Task Migrations_are_safe_when_several_instances_start_at_once()
    {
        var server = await TestDatabase.ServerAsync();
        var name = "pp_race_" + Guid.NewGuid().ToString("N")[..8];
        await server.CreateDatabaseAsync(name);
        var cs = server.ConnectionString(name);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator.MigrateAsync(cs)));
        results.Sum(r => r.Count).ShouldBe(Migrator.Scripts.Count, "each script applied exactly once");
        (await ScalarAsync(cs, "select count(*) from schema_migrations")).ShouldBe((long)Migrator.Scripts.Count);
    }

    [Fact]
    public async Task The_EF_model_matches_the_migrated_schema()
    {
        var cs = await TestDatabase.CreateAsync();
        await using var app = new PortalFactory(cs);
        var problems = await app.DbAsync(async db =>
        {
            var columns = new Dictionary<(string Table, string Column), (string Type, bool Nullable)>();
            await using (var conn = new NpgsqlConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("""
                    select table_name, column_name, data_type, is_nullable = 'YES',
                           coalesce(character_maximum_length::text,
                                    case when data_type = 'numeric' and numeric_precision is not null
                                         then numeric_precision || ',' || numeric_scale end)
                    from information_schema.columns where table_schema = 'public'
                    """, conn);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                    columns[(r.GetString(0), r.GetString(1))] = (r.GetString(2) + (r.IsDBNull(4) ? "" : $"({r.GetString(4)})"), r.GetBoolean(3));
            }
            var found = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName();
                if (table is null) continue;
                var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var p in entity.GetProperties())
                {
                    var column = p.GetColumnName(store);
                    if (column is null || column == "xmin") continue;
                    if (!columns.TryGetValue((table, column), out var actual)) { found.Add($"{table}.{column} is missing"); continue; }
                    if (actual.Nullable != p.IsColumnNullable(store)) found.Add($"{table}.{column} nullability differs");
                    var type = p.GetColumnType(store);
                    if (!SameType(type, actual.Type)) found.Add($"{table}.{column}: model {type}, database {actual.Type}");
                }
            }
            return found;
        });
        problems.ShouldBeEmpty();
    }

    private static bool SameType(string model, string database)
    {
        static string Norm(string t) => t.Replace("character varying", "varchar").Replace("timestamp with time zone", "timestamptz")
            .Replace("timestamp without time zone", "timestamp").Replace("integer", "int").Replace("bigint", "int8").Replace("int8", "bigint")
            .Replace("boolean", "bool").Replace("ARRAY", "[]").Replace(" ", "");
        return Norm(model) == Norm(database) || (database == "ARRAY" && model.EndsWith("[]", StringComparison.Ordinal)) ||
               (database == "USER-DEFINED");
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
