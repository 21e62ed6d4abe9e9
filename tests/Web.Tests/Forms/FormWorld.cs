using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Communities;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Forms;

/// <summary>One portal with a record behind every form a user fills in: an MOU with an item and an action, an open
/// cohort, a community, and a user of each role.</summary>
public sealed class FormWorld : IAsyncLifetime
{
    public const string Staff = "staff@example.org";
    public const string Admin = "admin@example.org";
    public const string Partner = "partner@example.org";
    public const string Participant = "participant@example.org";

    private readonly Dictionary<string, HttpClient> _clients = [];
    public PortalFactory App { get; private set; } = null!;
    public long Mou { get; private set; }
    public long Action { get; private set; }
    public long Course { get; private set; }
    public long Cohort { get; private set; }
    public long Community { get; private set; }
    public Guid PartnerUser { get; private set; }

    public async Task InitializeAsync()
    {
        App = await PortalFactory.CreateAsync();
        await App.CreateUserAsync(Staff, Roles.Staff, name: "สมใจ ใจดี");
        await App.CreateUserAsync(Admin, Roles.Admin, name: "ผู้ดูแล ระบบ");
        var lead = (await App.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        var bank = (await App.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank)).Id;
        PartnerUser = (await App.CreateUserAsync(Partner, Roles.Partner, bank, name: "พันธมิตร ธนาคาร")).Id;
        var trainee = (await App.TraineesAsync(1))[0];
        await App.CreateUserAsync(Participant, Roles.Participant, traineeId: trainee.Id, name: "ผู้เข้าอบรม");
        var api = await App.ApiClientAsync(Staff);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        Mou = await PostIdAsync(api, "/api/v1/mous", new
        {
            code = "MOU-FORM-1",
            title = "ความร่วมมือพัฒนาอาชีพชุมชน",
            startDate = today.AddMonths(-1),
            endDate = today.AddYears(2),
            parties = new object[]
            {
                new { organizationId = lead, role = "lead", signatoryName = "นายวีรยุทธ ศรีประเสริฐ" },
                new { organizationId = bank, role = "partner", signatoryName = "นางสาวลงนาม ทดสอบ" },
            },
        });
        var item = await PostIdAsync(api, $"/api/v1/mous/{Mou}/items", new { title = "การออมของชุมชน" });
        Action = await PostIdAsync(api, $"/api/v1/mous/{Mou}/actions",
            new { itemId = item, title = "อบรมการทำบัญชีครัวเรือน", responsibleOrganizationId = bank });
        Course = (await App.CourseAsync()).Id;
        Cohort = (await App.CohortAsync(Course)).Id;
        Community = await App.CreateCommunityAsync("ชุมชนบ้านแม่วินทดสอบ", CommunityFixture.MaeWin, bank);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A cookie-carrying client signed in as <paramref name="email"/> (one per user, reused).</summary>
    public async Task<HttpClient> ClientAsync(string email)
    {
        if (!_clients.TryGetValue(email, out var client))
            _clients[email] = client = await App.SignedInClientAsync(email);
        return client;
    }

    private static async Task<long> PostIdAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
