using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>National IDs at rest: encrypted, never plain in any column, still found by search and import, and rotatable.</summary>
public partial class NationalIdStorageTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex(@"\d{13}")]
    private static partial Regex ThirteenDigits();

    [Fact]
    public async Task No_trainee_column_holds_a_plain_ID_whichever_way_the_person_came_in()
    {
        var byPage = TrainingData.NewNationalId();
        var byApi = TrainingData.NewNationalId();
        var byImport = TrainingData.NewNationalId();
        var byEf = (await _app.TraineesAsync(1))[0].NationalId;
        (await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "มาลัย",
            ["Input.LastName"] = "ทองดี",
            ["Input.NationalId"] = NationalId.Format(byPage),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = await _app.ApiClientAsync("staff@example.org");
        (await api.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = byApi })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var csv = Encoding.UTF8.GetBytes($"ชื่อ,นามสกุล,เลขประจำตัวประชาชน\nนำเข้า,จากไฟล์,{byImport}\n");
        var preview = await _staff.UploadAsync(csv, "people.csv");
        var previewPage = await _staff.GetDocumentAsync(preview.Headers.Location!.OriginalString);
        // While the import waits for confirmation its rows are stored encrypted too.
        (await RawImportRowsAsync()).ShouldNotContain(byImport);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)previewPage.QuerySelector("form[data-testid=confirm-form]")!;
        (await _staff.PostFormAsync(form, "/Trainees/Import", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var ids = new[] { byPage, byApi, byImport, byEf };
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        // Every column of trainees as text (bytea as hex): no 13-digit run in the text columns, and no ID's ASCII bytes in the binary ones.
        var columns = new List<(string Name, string Type)>();
        await using (var cmd = new NpgsqlCommand("select column_name, data_type from information_schema.columns where table_name = 'trainees' order by ordinal_position", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) columns.Add((r.GetString(0), r.GetString(1)));
        columns.ShouldNotContain(c => c.Name == "national_id" || c.Name == "national_id_plain", "the plain column is gone after the start-up conversion");
        var rows = 0;
        await using (var cmd = new NpgsqlCommand($"select {string.Join(", ", columns.Select(c => c.Name))} from trainees", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                rows++;
                for (var i = 0; i < r.FieldCount; i++)
                {
                    if (r.IsDBNull(i)) continue;
                    var value = r.GetValue(i);
                    if (value is byte[] bytes)
                        foreach (var id in ids) Encoding.ASCII.GetString(bytes).ShouldNotContain(id);
                    else
                        ThirteenDigits().IsMatch(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!).ShouldBeFalse($"{columns[i].Name} = {value}");
                }
            }
        rows.ShouldBe(4);
        (await RawImportRowsAsync()).Contains(byImport, StringComparison.Ordinal).ShouldBeFalse("a committed import keeps no rows");

        // What is stored decrypts to the IDs typed, under key 1, with the mask for display.
        var stored = await _app.DbAsync(db => db.Trainees.AsNoTracking().Select(t => new { t.Id, t.NationalIdCipher, t.NationalIdMasked }).ToListAsync());
        stored.Select(s => PortalFactory.NationalIds.Decrypt(s.NationalIdCipher!, s.Id)).Order().ShouldBe(ids.Order());
        stored.ShouldAllBe(s => NationalIdProtector.KeyIdOf(s.NationalIdCipher!) == 1);
        stored.Select(s => s.NationalIdMasked).ShouldContain(NationalId.Mask(byPage));
    }

    private async Task<string> RawImportRowsAsync()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select coalesce(string_agg(rows::text, ' '), '') from trainee_imports", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Search_by_national_ID_and_duplicate_detection_work_through_the_hash()
    {
        var known = (await _app.TraineesAsync(1))[0];
        // search (any spelling of the number) opens the person
        foreach (var typed in new[] { known.NationalId, NationalId.Format(known.NationalId), string.Concat(known.NationalId.Select(c => (char)('๐' + (c - '0')))) })
        {
            var found = await _staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = typed }, "form[data-testid=search-form]");
            found.Headers.Location!.OriginalString.ShouldBe($"/Trainees/Details?id={known.Id}", typed);
        }
        // the same person registered again is refused (page and API)
        var again = await _staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "ซ้ำ",
            ["Input.LastName"] = "คนเดิม",
            ["Input.NationalId"] = NationalId.Format(known.NationalId),
        });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        PageDriver.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("ลงทะเบียนไว้แล้ว");
        var api = await _app.ApiClientAsync("staff@example.org");
        var conflict = await api.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ซ้ำ", lastName = "คนเดิม", nationalId = known.NationalId });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // an import with the known ID matches the person instead of adding a second one
        var fresh = TrainingData.NewNationalId();
        var csv = Encoding.UTF8.GetBytes($"ชื่อ,นามสกุล,เลขประจำตัวประชาชน\nซ้ำ,คนเดิม,{NationalId.Format(known.NationalId)}\nใหม่,คนใหม่,{fresh}\n");
        var preview = await _staff.GetDocumentAsync((await _staff.UploadAsync(csv, "again.csv")).Headers.Location!.OriginalString);
        preview.QuerySelector("[data-testid=import-summary] [data-testid=matched]")!.TextContent.Trim().ShouldBe("1");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)preview.QuerySelector("form[data-testid=confirm-form]")!;
        await _staff.PostFormAsync(form, "/Trainees/Import", new Dictionary<string, string>());
        var hashes = new[] { PortalFactory.NationalIds.Hash(known.NationalId), PortalFactory.NationalIds.Hash(fresh) };
        (await _app.DbAsync(db => db.Trainees.CountAsync(t => hashes.Contains(t.NationalIdHash!)))).ShouldBe(2);
        // and the database itself refuses a second row with the same hash
        await Should.ThrowAsync<DbUpdateException>(() => _app.DbAsync(async db =>
        {
            db.Trainees.Add(new Domain.Training.Trainee { FirstName = "ซ้ำ", LastName = "ตรง", NationalId = known.NationalId });
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Rotation_re_encrypts_every_ID_under_the_new_key_and_search_still_works()
    {
        var people = await _app.TraineesAsync(5);
        var rotated = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?>
        {
            ["Pdpa:NationalIdKeys:2"] = TestKeys.NationalIdKey2,
            ["Pdpa:CurrentKeyId"] = "2",
        });
        await using (rotated)
        {
            (await CommandLine.RunAsync(CommandLine.Parse(["rotate-national-id-keys"]), rotated.Services)).ShouldBe(0);
            var ciphers = await rotated.DbAsync(db => db.Trainees.AsNoTracking().Select(t => new { t.Id, t.NationalIdCipher }).ToListAsync());
            ciphers.ShouldAllBe(c => NationalIdProtector.KeyIdOf(c.NationalIdCipher!) == 2);
            // Key 1 can now be removed: key 2 alone reads everything.
            var key2Only = new NationalIdProtector(new Dictionary<byte, byte[]> { [2] = Convert.FromBase64String(TestKeys.NationalIdKey2) }, 2,
                Convert.FromBase64String(TestKeys.LookupKey));
            foreach (var p in people) key2Only.Decrypt(ciphers.Single(c => c.Id == p.Id).NationalIdCipher!, p.Id).ShouldBe(p.NationalId);
            var staff = await rotated.SignedInClientAsync("staff@example.org");
            var found = await staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = people[2].NationalId }, "form[data-testid=search-form]");
            found.Headers.Location!.OriginalString.ShouldBe($"/Trainees/Details?id={people[2].Id}");
            // New registrations use the current key; running the command again has nothing to do.
            (await CommandLine.RunAsync(CommandLine.Parse(["rotate-national-id-keys"]), rotated.Services)).ShouldBe(0);
            var again = await rotated.InScopeAsync(sp => sp.GetRequiredService<Web.Pages.Privacy.NationalIdMaintenance>().RotateAsync(_app.ConnectionString));
            again.Reencrypted.ShouldBe(0);
            again.Total.ShouldBe(5);
        }
    }

    [Fact]
    public async Task Plain_IDs_from_before_0011_are_encrypted_at_start_and_the_plain_column_dropped()
    {
        // A database as 0011 leaves it, with a row written the old way (the template is migrated but no app has started on it).
        var cs = await TestDatabase.CreateAsync();
        var id = TrainingData.NewNationalId();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("insert into trainees (first_name, last_name, national_id_plain, created_at) values ('เก่า', 'ก่อนเข้ารหัส', @id, now())", conn);
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var app = new PortalFactory(cs);
        var t = await app.DbAsync(db => db.Trainees.AsNoTracking().SingleAsync());
        PortalFactory.NationalIds.Decrypt(t.NationalIdCipher!, t.Id).ShouldBe(id);
        t.NationalIdHash.ShouldBe(PortalFactory.NationalIds.Hash(id));
        t.NationalIdMasked.ShouldBe(NationalId.Mask(id));
        await using var check = new NpgsqlConnection(cs);
        await check.OpenAsync();
        await using (var cmd = new NpgsqlCommand("select count(*) from information_schema.columns where table_name = 'trainees' and column_name like 'national_id_plain'", check))
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        // and a trainee without an ID is refused by the database from now on
        await using (var cmd = new NpgsqlCommand("insert into trainees (first_name, last_name, created_at) values ('ไม่มี', 'เลข', now())", check))
            (await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState.ShouldBe("23514");
    }

    [Fact]
    public async Task Without_keys_the_portal_refuses_to_start_with_a_clear_message()
    {
        await using var app = new PortalFactory(_app.ConnectionString, new Dictionary<string, string?> { ["Pdpa:LookupKey"] = "" });
        var e = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        e.Message.ShouldContain("National-ID encryption keys are not configured");
        e.Message.ShouldContain("Pdpa__LookupKey");
    }
}
