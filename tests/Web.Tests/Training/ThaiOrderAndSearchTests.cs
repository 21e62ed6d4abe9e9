using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

/// <summary>
/// Lists in Thai dictionary order (names with a leading vowel among the others, not last) and searches that find
/// what people type: a name with its title, a phone with dashes or Thai digits.
/// </summary>
public class ThaiOrderAndSearchTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        _staff = await _app.SignedInClientAsync("staff@example.org");
        await _app.DbAsync(async db =>
        {
            foreach (var (title, first, last, phone) in new[]
                     {
                         ("นาย", "อำนาจ", "มั่นคง", "089-999-0000"),
                         ("นาย", "เกษม", "สุขใจ", "02-111-2222"),
                         ("นางสาว", "สุดารัตน์", "ใจดี", "081-234-5678"),
                         ("นาย", "กมล", "ไพบูลย์", null),
                     })
                db.Trainees.Add(new Trainee
                {
                    Title = title,
                    FirstName = first,
                    LastName = last,
                    Phone = phone,
                    NationalId = TrainingData.NewNationalId(),
                    CreatedAt = DateTime.UtcNow,
                });
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<string>> ListedNamesAsync(string url)
    {
        var doc = await _staff.GetDocumentAsync(url);
        return doc.QuerySelectorAll("[data-testid=trainee-table] tbody tr td:first-child a")
            .Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task The_trainee_list_puts_names_with_a_leading_vowel_in_their_Thai_place()
    {
        var names = await ListedNamesAsync("/Trainees");
        names.Count.ShouldBe(4);
        names.Select(n => n.Split(' ')[0]).ShouldBe(["นายกมล", "นายเกษม", "นางสาวสุดารัตน์", "นายอำนาจ"]);
    }

    [Theory]
    [InlineData("นางสาวสุดารัตน์")]
    [InlineData("นางสาว สุดารัตน์ ใจดี")]
    [InlineData("081-234-5678")]
    [InlineData("0812345678")]
    [InlineData("๐๘๑-๒๓๔-๕๖๗๘")]
    [InlineData("081 234 5678")]
    public async Task A_search_finds_the_trainee_however_her_name_or_phone_is_typed(string typed)
    {
        var names = await ListedNamesAsync("/Trainees?q=" + Uri.EscapeDataString(typed));
        names.ShouldHaveSingleItem().ShouldStartWith("นางสาวสุดารัตน์");
    }

    [Fact]
    public async Task The_province_list_of_the_API_and_of_the_community_filter_are_in_Thai_order()
    {
        var api = await _staff.GetFromJsonAsync<JsonElement>("/api/v1/geography/provinces");
        var fromApi = api.EnumerateArray().Select(p => p.GetProperty("nameTh").GetString()!).ToList();
        fromApi.IndexOf("เชียงใหม่").ShouldBeLessThan(fromApi.IndexOf("อ่างทอง"));
        fromApi.IndexOf("เชียงใหม่").ShouldBeGreaterThan(fromApi.IndexOf("ชัยนาท"));

        var page = await _staff.GetDocumentAsync("/Communities");
        var options = page.QuerySelectorAll("select[name=province] option").Select(o => o.TextContent.Trim()).ToList();
        options.IndexOf("เชียงใหม่").ShouldBeGreaterThan(0);
        options.IndexOf("เชียงใหม่").ShouldBeLessThan(options.IndexOf("อ่างทอง"));
    }

    /// <summary>The searches' trigram indexes and the list's name index still match the queries (planner forced off scans).</summary>
    [Fact]
    public async Task The_search_and_the_list_still_read_their_indexes()
    {
        var plan = await _app.DbAsync(async db =>
        {
            await using var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                set enable_seqscan = off;
                explain select id from trainees
                where (first_name || ' ' || last_name) ilike '%สุดา%' or phone_digits ilike '%0812%';
                explain select id from trainees order by first_name, last_name limit 50;
                """;
            var lines = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            do { while (await reader.ReadAsync()) lines.Add(reader.GetString(0)); } while (await reader.NextResultAsync());
            return string.Join('\n', lines);
        });
        plan.ShouldContain("ix_trainees_full_name_trgm");
        plan.ShouldContain("ix_trainees_phone_digits_trgm");
        plan.ShouldContain("ix_trainees_first_name_last_name");
    }
}
