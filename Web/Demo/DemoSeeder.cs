using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Web.Demo;

/// <summary>
/// Development-only demo data: the organisations named in the seed articles and one account per role. Runs at every
/// start and adds only what is missing, so it is safe on a kept database.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IServiceProvider services, IConfiguration config,
    IHostEnvironment environment, ILogger<DemoSeeder> logger)
{
    public static readonly (string Key, OrganizationKind Kind, string NameTh, string NameEn, string Short, string Province)[] SeedOrganizations =
    [
        ("foundation", OrganizationKind.Foundation, "มูลนิธิสัมมาชีพ", "Sammachiv Foundation", "สัมมาชีพ", "กรุงเทพมหานคร"),
        ("cdd", OrganizationKind.GovernmentDepartment, "กรมการพัฒนาชุมชน", "Community Development Department", "พช.", "กรุงเทพมหานคร"),
        ("gsb", OrganizationKind.Bank, "ธนาคารออมสิน", "Government Savings Bank", "ออมสิน", "กรุงเทพมหานคร"),
        ("baac", OrganizationKind.Bank, "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
            "Bank for Agriculture and Agricultural Cooperatives", "ธ.ก.ส.", "กรุงเทพมหานคร"),
        ("vfund", OrganizationKind.VillageFundOffice, "สำนักงานกองทุนหมู่บ้านและชุมชนเมืองแห่งชาติ",
            "National Village and Urban Community Fund Office", "สทบ.", "กรุงเทพมหานคร"),
        ("codi", OrganizationKind.PublicOrganization, "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
            "Community Organizations Development Institute", "พอช.", "กรุงเทพมหานคร"),
        ("osmep", OrganizationKind.PublicOrganization, "สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม", "Office of SME Promotion", "สสว.", "กรุงเทพมหานคร"),
        ("msu", OrganizationKind.University, "มหาวิทยาลัยมหาสารคาม", "Mahasarakham University", "มมส.", "มหาสารคาม"),
        ("cpd", OrganizationKind.GovernmentDepartment, "กรมส่งเสริมสหกรณ์", "Cooperative Promotion Department", "กสส.", "กรุงเทพมหานคร"),
    ];

    public static readonly (string Email, string Role, string Name, string? OrgKey)[] SeedUsers =
    [
        ("admin@demo.local", Roles.Admin, "ผู้ดูแลระบบ (สาธิต)", null),
        ("staff@demo.local", Roles.Staff, "สมใจ ใจดี", null),
        ("partner.gsb@demo.local", Roles.Partner, "วิภาวรรณ ออมทรัพย์", "gsb"),
        ("partner.cdd@demo.local", Roles.Partner, "ประเสริฐ พัฒนากิจ", "cdd"),
        ("participant@demo.local", Roles.Participant, "นางสาวญาณี ปิ่นแก้วฟ้า", null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        // The demo accounts' password is in the repository: the portal seeds in Development only, whatever Demo:Seed
        // says (Program.cs); the tests' fixtures call this in "Testing". Anywhere else, a call is refused here too.
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            logger.LogWarning("Demo data is seeded in Development only; not in {Environment}", environment.EnvironmentName);
            return;
        }
        var organizations = new Dictionary<string, Organization>();
        foreach (var o in SeedOrganizations)
        {
            var org = await db.Organizations.SingleOrDefaultAsync(x => x.NameTh == o.NameTh, ct);
            if (org is null)
            {
                org = new Organization { Kind = o.Kind, NameTh = o.NameTh, NameEn = o.NameEn, ShortName = o.Short, Province = o.Province };
                db.Organizations.Add(org);
                await db.SaveChangesAsync(ct);
            }
            organizations[o.Key] = org;
        }

        var password = config["Demo:Password"];
        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            password = "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', 'x').Replace('/', 'y') + "9a";
            generated = true;
        }
        var accounts = new Dictionary<string, AppUser>();
        var created = 0;
        foreach (var u in SeedUsers)
        {
            var user = await users.FindByEmailAsync(u.Email);
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = u.Email,
                    Email = u.Email,
                    EmailConfirmed = true,
                    DisplayName = u.Name,
                    Role = u.Role,
                    OrganizationId = u.OrgKey is null ? null : organizations[u.OrgKey].Id,
                };
                var result = await users.CreateAsync(user, password);
                if (!result.Succeeded) throw new InvalidOperationException("Demo user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
                await RoleSetup.SetRoleAsync(users, user, u.Role);
                created++;
            }
            accounts[u.Email] = user;
        }
        if (created > 0 && generated)
            Console.WriteLine($"Demo accounts created with the generated password: {password}  (set Demo:Password to choose one)");

        var demo = new DemoContext(db, organizations, accounts);
        var contributors = typeof(DemoSeeder).Assembly.GetTypes()
            .Where(t => typeof(IDemoContributor).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IDemoContributor)ActivatorUtilities.CreateInstance(services, t))
            .OrderBy(c => c.Order);
        foreach (var contributor in contributors)
        {
            await contributor.SeedAsync(demo, ct);
            logger.LogInformation("Demo data: {Contributor} done", contributor.GetType().Name);
        }
    }
}
