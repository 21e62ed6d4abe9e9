using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Communities;

internal static class CommunityFixture
{
    // Real places from the official lists.
    public const int MaeWin = 502204;      // แม่วิน, แม่วาง, เชียงใหม่ (north, 50)
    public const int ChiangKhan = 420301;  // เชียงคาน, เชียงคาน, เลย (north-east, 42)
    public const int Amphawa = 750301;     // อัมพวา, อัมพวา, สมุทรสงคราม (central, 75)

    /// <summary>Scores per section for the default rubric v1 (attraction 15, readiness 20, products 10, learning 10 at most).</summary>
    public static Dictionary<string, int> Scores(int attraction, int readiness, int products, int learning)
    {
        var totals = new Dictionary<SectionRole, int>
        {
            [SectionRole.Attraction] = attraction,
            [SectionRole.Readiness] = readiness,
            [SectionRole.Products] = products,
            [SectionRole.Learning] = learning,
        };
        var result = new Dictionary<string, int>();
        foreach (var s in RubricDefinition.Default().Sections)
        {
            var left = totals[s.Role];
            foreach (var c in s.Criteria) { var v = Math.Min(c.MaxScore, left); result[c.Key] = v; left -= v; }
        }
        return result;
    }

    public static async Task<long> CreateCommunityAsync(this PortalFactory app, string name, int subDistrictId, params long[] partnerOrgIds)
    {
        return await app.DbAsync(async db =>
        {
            var place = await (from s in db.SubDistricts
                               join d in db.Districts on s.DistrictId equals d.Id
                               join p in db.Provinces on d.ProvinceId equals p.Id
                               where s.Id == subDistrictId
                               select new { s, d, p }).SingleAsync();
            var c = new Community { Name = name, VillageNo = 3, Partners = partnerOrgIds.Select(o => new CommunityPartner { OrganizationId = o }).ToList() };
            c.PlaceIn(place.s, place.d, place.p);
            db.Communities.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
    }
}
