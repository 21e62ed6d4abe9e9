using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Certificates;
using PartnerPrograms.Web.Tests.Communities;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>Who a request is made as. A and B are two partner organisations / two participants.</summary>
public enum Who { Anonymous, ParticipantA, ParticipantB, PartnerA, PartnerB, Staff, Admin }

/// <summary>The records of one side (A or B): an organisation with its MOU, action, update and attachment, a cohort it
/// delivers with an enrolled trainee who holds a certificate and has a participant account, and a community.</summary>
public sealed record Side(long Org, long Mou, long Item, long Action, long Update, long Attachment, long Course, long Cohort, long Session,
    long Enrollment, long Trainee, string TraineeName, long Certificate, string CertificateCode, long Batch, long Community, string CommunityName,
    string MouTitle, string ActionTitle, string AttachmentName, long ApiToken);

/// <summary>
/// One database with two complete sides (A and B) and a user of every role, shared by the security tests of a class
/// (xunit class fixture). Records are made through the API where a rule matters, directly otherwise.
/// </summary>
public sealed class SecurityWorld : IAsyncLifetime
{
    public PortalFactory App { get; private set; } = null!;
    public Side A { get; private set; } = null!;
    public Side B { get; private set; } = null!;
    public Guid StaffUserId { get; private set; }
    public long OutboxId { get; private set; }
    private HttpClient _staffApi = null!;
    private readonly Dictionary<Who, HttpClient> _browsers = [];
    private readonly Dictionary<Who, HttpClient> _apis = [];
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    public static string Email(Who who) => who switch
    {
        Who.ParticipantA => "participant-a@example.org",
        Who.ParticipantB => "participant-b@example.org",
        Who.PartnerA => "partner-a@example.org",
        Who.PartnerB => "partner-b@example.org",
        Who.Staff => "staff@example.org",
        Who.Admin => "admin@example.org",
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    public async Task InitializeAsync()
    {
        App = await PortalFactory.CreateAsync();
        StaffUserId = (await App.CreateUserAsync(Email(Who.Staff), Roles.Staff, name: "สมใจ ใจดี")).Id;
        await App.CreateUserAsync(Email(Who.Admin), Roles.Admin, name: "ผู้ดูแล ระบบ");
        _staffApi = await App.ApiClientAsync(Email(Who.Staff));
        var lead = (await App.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        A = await SideAsync("a", lead, "ธนาคารออมสินสาขาเอ", "ชุมชนบ้านเอราวัณ", CommunityFixture.MaeWin, "อรุณี", Who.PartnerA, Who.ParticipantA);
        B = await SideAsync("b", lead, "ธนาคารเกษตรสาขาบี", "ชุมชนบ้านบางบัว", CommunityFixture.Amphawa, "บุษบา", Who.PartnerB, Who.ParticipantB);
        OutboxId = await App.DbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.Id).FirstOrDefaultAsync());
    }

    private async Task<Side> SideAsync(string tag, long lead, string orgName, string communityName, int subDistrict, string firstName, Who partner, Who participant)
    {
        var org = (await App.CreateOrganizationAsync(orgName, OrganizationKind.Bank)).Id;
        await App.CreateUserAsync(Email(partner), Roles.Partner, org, name: "พันธมิตร " + tag);
        var mouTitle = $"ความร่วมมือลับเฉพาะ{tag.ToUpperInvariant()} การเงินชุมชน";
        var mou = await PostIdAsync("/api/v1/mous", new
        {
            code = $"MOU-SEC-{tag.ToUpperInvariant()}",
            title = mouTitle,
            purpose = "เพื่อร่วมกันพัฒนาชุมชน",
            startDate = Today.AddMonths(-1),
            endDate = Today.AddYears(2),
            parties = new object[]
            {
                new { organizationId = lead, role = "lead", signatoryName = "นายวีรยุทธ ศรีประเสริฐ", signatoryPosition = "ประธาน" },
                new { organizationId = org, role = "partner", signatoryName = "นางสาวลงนาม " + tag, signatoryPosition = "ผู้อำนวยการ" },
            },
        });
        var item = await PostIdAsync($"/api/v1/mous/{mou}/items", new { title = "งานลับเฉพาะ " + tag });
        var actionTitle = $"กิจกรรมลับเฉพาะ{tag.ToUpperInvariant()} ส่งรายงาน";
        var action = await PostIdAsync($"/api/v1/mous/{mou}/actions", new { itemId = item, title = actionTitle, responsibleOrganizationId = org, contactName = "ผู้ประสานงาน", dueDate = Today.AddDays(10) });
        (await _staffApi.PostAsJsonAsync($"/api/v1/mous/{mou}/transitions", new { transition = "activate", signingDate = Today.AddMonths(-1) })).EnsureSuccessStatusCode();
        var partnerApi = await App.ApiClientAsync(Email(partner));
        var updated = await partnerApi.PostAsJsonAsync($"/api/v1/actions/{action}/updates", new { text = "ความคืบหน้าลับเฉพาะ " + tag, percent = 20 });
        updated.StatusCode.ShouldBe(HttpStatusCode.Created, await updated.Content.ReadAsStringAsync());
        var attachmentName = $"secret-{tag}.pdf";
        var (update, attachment) = await App.DbAsync(async db =>
        {
            var file = new MouAttachment { MouId = mou, FileName = attachmentName, ContentType = "application/pdf", Content = "%PDF-1.4\n%secret\n"u8.ToArray(), Size = 17, UploadedAt = DateTime.UtcNow, UploadedByName = "staff" };
            db.MouAttachments.Add(file);
            await db.SaveChangesAsync();
            return (await db.ActionUpdates.Where(u => u.ActionId == action).Select(u => u.Id).SingleAsync(), file.Id);
        });

        var closed = await App.ClosedCohortAsync(completed: 1, notCompleted: 0);
        var trainee = closed.Trainees[0];
        var traineeName = firstName + "ลับเฉพาะ" + tag.ToUpperInvariant();
        await App.DbAsync(async db =>
        {
            db.CohortPartners.Add(new CohortPartner { CohortId = closed.Cohort.Id, OrganizationId = org });
            await db.Trainees.Where(t => t.Id == trainee.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.FirstName, traineeName));
            return await db.SaveChangesAsync();
        });
        await App.CreateUserAsync(Email(participant), Roles.Participant, traineeId: trainee.Id, name: traineeName);
        var batch = await App.IssueAllAsync(closed.Cohort.Id);
        var certificate = (await App.CertificatesAsync(closed.Cohort.Id)).Single();
        var session = await App.DbAsync(db => db.TrainingSessions.Where(s => s.CohortId == closed.Cohort.Id).Select(s => s.Id).FirstAsync());
        var community = await App.CreateCommunityAsync(communityName, subDistrict, org);
        var token = await App.DbAsync(db => db.ApiTokens.Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == Email(partner))).Select(t => t.Id).FirstAsync());
        return new Side(org, mou, item, action, update, attachment, closed.Course.Id, closed.Cohort.Id, session, closed.EnrollmentIds[0], trainee.Id, traineeName,
            certificate.Id, certificate.Code, batch.Id, community, communityName, mouTitle, actionTitle, attachmentName, token);
    }

    private async Task<long> PostIdAsync(string url, object body)
    {
        var response = await _staffApi.PostAsJsonAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>A cookie-carrying client signed in as <paramref name="who"/> (one per role, reused).</summary>
    public async Task<HttpClient> BrowserAsync(Who who)
    {
        if (who == Who.Anonymous) return App.CreateBrowserClient();
        if (!_browsers.TryGetValue(who, out var client)) _browsers[who] = client = await App.SignedInClientAsync(Email(who));
        return client;
    }

    /// <summary>A client with a Bearer token for <paramref name="who"/> (anonymous: none).</summary>
    public async Task<HttpClient> ApiAsync(Who who)
    {
        if (who == Who.Anonymous) return App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (!_apis.TryGetValue(who, out var client)) _apis[who] = client = await App.ApiClientAsync(Email(who));
        return client;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
