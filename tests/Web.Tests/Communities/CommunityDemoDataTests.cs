using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Demo;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Communities;

public class CommunityDemoDataTests
{
    [Fact]
    public async Task Demo_data_has_every_group_several_C_communities_moves_from_B_to_A_and_is_idempotent()
    {
        await using var app = await PortalFactory.CreateAsync(new Dictionary<string, string?> { ["Demo:Password"] = PortalFactory.Password });
        await app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        await app.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());

        var groups = await app.DbAsync(db => db.Communities.GroupBy(c => c.Category).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        groups.Values.Sum().ShouldBe(20, "seeding twice adds nothing");
        foreach (var g in new[] { CommunityCategory.A, CommunityCategory.B, CommunityCategory.C, CommunityCategory.D })
            groups.GetValueOrDefault(g).ShouldBeGreaterThan(0, g.ToString());
        groups[CommunityCategory.C].ShouldBeGreaterThanOrEqualTo(5);

        var staff = await app.SignedInClientAsync("staff@demo.local");
        var summary = await staff.GetDocumentAsync("/Communities/Summary");
        int.Parse(summary.QuerySelector("[data-testid=movement-table] tr[data-move='B-A'] td:last-child")!.TextContent.Trim()).ShouldBeGreaterThanOrEqualTo(3);
        // The list shows each community's own group badge (rendered once per group, reused across rows).
        var shown = (await staff.GetDocumentAsync("/Communities")).QuerySelectorAll("[data-testid=community-table] tr[data-id]")
            .ToDictionary(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture), r => r.QuerySelector("[data-category]")!.GetAttribute("data-category"));
        var stored = await app.DbAsync(db => db.Communities.ToDictionaryAsync(c => c.Id, c => c.Category.ToString()));
        foreach (var (id, category) in shown) category.ShouldBe(stored[id], $"community {id}");
        shown.Values.Distinct().Count().ShouldBeGreaterThan(1);
        var partner = await app.SignedInClientAsync("partner.cdd@demo.local");
        (await partner.GetDocumentAsync("/Communities")).QuerySelectorAll("[data-testid=community-table] tr[data-id]").Length.ShouldBeGreaterThan(15);
        var gsb = await app.SignedInClientAsync("partner.gsb@demo.local");
        (await gsb.GetDocumentAsync("/Communities")).QuerySelectorAll("[data-testid=community-table] tr[data-id]").Length.ShouldBe(3);
    }
}
