using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Privacy;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>
/// A national ID's ciphertext is bound to its trainee row: swapped between two rows it decrypts for neither, and the
/// reveal page says so instead of showing the other person's number; rows written in the column-bound format are
/// bound at start.
/// </summary>
public class NationalIdRowBindingTests
{
    private static async Task ExecAsync(string cs, string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Swapped_ciphertexts_decrypt_for_neither_row_and_the_reveal_page_says_so_without_showing_either_ID()
    {
        await using var app = await PortalFactory.CreateAsync();
        await app.CreateUserAsync("staff@example.org", Roles.Staff);
        var people = await app.TraineesAsync(3);
        var (a, b) = (people[0], people[1]);
        // Someone with write access to the database exchanges two people's encrypted IDs (hash and mask left alone).
        await ExecAsync(app.ConnectionString, """
            update trainees t set national_id_cipher = o.national_id_cipher
            from trainees o where (t.id, o.id) in (($1, $2), ($2, $1))
            """, a.Id, b.Id);

        var staff = await app.SignedInClientAsync("staff@example.org");
        var revealed = await staff.SubmitFormAsync($"/Trainees/Details?id={a.Id}", new Dictionary<string, string>(), "form[data-testid=reveal-form]");
        revealed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await revealed.Content.ReadAsStringAsync();
        var page = PageDriver.Parse(html);
        page.QuerySelector("[data-testid=national-id-revealed]").ShouldBeNull();
        page.QuerySelector("[data-testid=national-id-mismatch]")!.TextContent.ShouldStartWith("เลขประจำตัวประชาชนที่บันทึกไว้ไม่ใช่ของระเบียนนี้");
        foreach (var id in new[] { a.NationalId, b.NationalId })
        {
            html.ShouldNotContain(id);
            html.ShouldNotContain(NationalId.Format(id));
        }
        // The untouched third person still reveals normally.
        PageDriver.Parse(await (await staff.SubmitFormAsync($"/Trainees/Details?id={people[2].Id}", new Dictionary<string, string>(), "form[data-testid=reveal-form]"))
            .Content.ReadAsStringAsync()).QuerySelector("[data-testid=national-id-revealed]")!.TextContent.ShouldBe(NationalId.Format(people[2].NationalId));

        // Key rotation does not launder them: they stay as they are, counted.
        var rotation = await app.InScopeAsync(sp => sp.GetRequiredService<NationalIdMaintenance>().RotateAsync(app.ConnectionString));
        rotation.Unreadable.ShouldBe(2);
        var stored = await app.DbAsync(db => db.Trainees.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.NationalIdCipher }).ToListAsync());
        Should.Throw<CryptographicException>(() => PortalFactory.NationalIds.Decrypt(stored[0].NationalIdCipher!, a.Id));
        PortalFactory.NationalIds.Decrypt(stored[1].NationalIdCipher!, a.Id).ShouldBe(a.NationalId, "the ciphertext names the row it was written for");
    }

    /// <summary>A ciphertext as written before 0017: [key id][nonce][tag][13 bytes], bound to the column only.</summary>
    private static byte[] ColumnBound(string digits)
    {
        var plain = Encoding.ASCII.GetBytes(digits);
        var blob = new byte[1 + 12 + 16 + plain.Length];
        blob[0] = 1;
        RandomNumberGenerator.Fill(blob.AsSpan(1, 12));
        using var aes = new AesGcm(Convert.FromBase64String(TestKeys.NationalIdKey1), 16);
        aes.Encrypt(blob.AsSpan(1, 12), plain, blob.AsSpan(29), blob.AsSpan(13, 16), "partnerprograms:trainees.national_id:v1"u8);
        return blob;
    }

    [Fact]
    public async Task IDs_in_the_column_bound_format_are_bound_to_their_rows_at_start_once()
    {
        var cs = await TestDatabase.CreateAsync();
        // A first start (Services starts the app): the schema and columns as a running portal has them.
        await using (var first = new PortalFactory(cs)) first.Services.GetRequiredService<NationalIdProtector>();
        var ids = Enumerable.Range(0, 3).Select(_ => TrainingData.NewNationalId()).ToList();
        foreach (var id in ids)
            await ExecAsync(cs, """
                insert into trainees (first_name, last_name, national_id_cipher, national_id_hash, national_id_masked, created_at)
                values ('ก่อน', 'ผูกแถว', $1, $2, $3, now())
                """, ColumnBound(id), PortalFactory.NationalIds.Hash(id), NationalId.Mask(id));

        await using var app = new PortalFactory(cs);
        var rows = await app.DbAsync(db => db.Trainees.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.NationalIdCipher }).ToListAsync());
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => NationalIdProtector.IsRowBound(r.NationalIdCipher!));
        rows.Select(r => PortalFactory.NationalIds.Decrypt(r.NationalIdCipher!, r.Id)).ShouldBe(ids);
        (await app.Services.GetRequiredService<NationalIdMaintenance>().BindToRowsAsync(cs)).ShouldBe(0, "nothing left on a second run");

        // Search and reveal work on the converted rows.
        await app.CreateUserAsync("staff@example.org", Roles.Staff);
        var staff = await app.SignedInClientAsync("staff@example.org");
        var found = await staff.SubmitFormAsync("/Trainees", new Dictionary<string, string> { ["Q"] = ids[1] }, "form[data-testid=search-form]");
        found.Headers.Location!.OriginalString.ShouldBe($"/Trainees/Details?id={rows[1].Id}");
        PageDriver.Parse(await (await staff.SubmitFormAsync($"/Trainees/Details?id={rows[1].Id}", new Dictionary<string, string>(), "form[data-testid=reveal-form]"))
            .Content.ReadAsStringAsync()).QuerySelector("[data-testid=national-id-revealed]")!.TextContent.ShouldBe(NationalId.Format(ids[1]));
    }
}
