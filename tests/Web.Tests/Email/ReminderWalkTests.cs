using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Mous;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>
/// A fake clock walks 120 days through one MOU and one cohort; every day the reminder jobs run twice (as a retry or a
/// second scheduler would) and the MOU expiry job runs. The e-mails that result, day by day, are the whole list below.
/// </summary>
public class ReminderWalkTests : IAsyncLifetime
{
    // Day 0 is a Monday, so the weekly overdue reminder (Mondays by default) falls on days 7, 14, 21, …
    private static readonly DateOnly Day0 = new(2027, 1, 4);
    private readonly TestClock _clock = new(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero));
    private PortalFactory _app = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _web = null!;
    private long _actionOne;

    public async Task InitializeAsync()
    {
        _app = await PortalFactory.CreateAsync();
        _web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        var foundation = await _app.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation);
        var gsb = await _app.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank);
        var staff = await _app.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        await _app.CreateUserAsync("gsb@example.org", Roles.Partner, gsb.Id, name: "วิภาวรรณ ออมทรัพย์");
        await _app.DbAsync(async db =>
        {
            db.OrganizationContacts.Add(new OrganizationContact { OrganizationId = gsb.Id, Name = "ฝ่ายพัฒนาชุมชน ธนาคารออมสิน", Email = "contact@gsb.example" });
            var mou = new Mou
            {
                Code = "MOU-2569-001",
                Title = "หลักสูตรการเงินชุมชน",
                Status = MouStatus.Active,
                StartDate = Day0.AddDays(-300),
                EndDate = Day0.AddDays(100),
                SigningDate = Day0.AddDays(-300),
                Parties =
                [
                    new MouParty { OrganizationId = foundation.Id, Role = PartyRole.Lead, SignatoryName = "ก" },
                    new MouParty { OrganizationId = gsb.Id, Role = PartyRole.Partner, SignatoryName = "ข" },
                ],
            };
            db.Mous.Add(mou);
            await db.SaveChangesAsync();
            var item = new MouItem { MouId = mou.Id, Number = 1, Title = "หลักสูตร" };
            db.MouItems.Add(item);
            await db.SaveChangesAsync();
            var one = new MouAction { MouId = mou.Id, ItemId = item.Id, Title = "ส่งรายชื่อวิทยากร", ResponsibleOrganizationId = gsb.Id, DueDate = Day0.AddDays(20) };
            var two = new MouAction { MouId = mou.Id, ItemId = item.Id, Title = "จัดทำหลักสูตรฉบับร่าง", ResponsibleOrganizationId = gsb.Id, DueDate = Day0.AddDays(50) };
            var done = new MouAction { MouId = mou.Id, ItemId = item.Id, Title = "ประชุมเริ่มต้น", ResponsibleOrganizationId = gsb.Id, DueDate = Day0.AddDays(30), Status = ActionStatus.Done };
            db.MouActions.AddRange(one, two, done);
            db.MouAuditEntries.Add(new MouAuditEntry { MouId = mou.Id, At = DateTime.UtcNow, UserId = staff.Id, UserName = "สมใจ", Entity = "Mou", EntityId = mou.Id, Change = "Created" });

            var course = new Course { TitleTh = "ไลฟ์สดเพื่อการขาย", Hours = 9, MinAttendancePercent = 80 };
            var cohort = new Cohort { Course = course, Name = "รุ่นที่ 1/2570", Capacity = 30, Status = CohortStatus.Running, Venue = "มหาวิทยาลัยมหาสารคาม" };
            cohort.Sessions.AddRange([
                new TrainingSession { Date = Day0.AddDays(10), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(12, 0), Topic = "เปิดร้านออนไลน์" },
                new TrainingSession { Date = Day0.AddDays(11), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(12, 0), Topic = "ไลฟ์สด" },
                new TrainingSession { Date = Day0.AddDays(40), StartTime = new TimeOnly(13, 0), EndTime = new TimeOnly(16, 0), Topic = "กลยุทธ์การขาย" },
            ]);
            var trainee = new Trainee { Title = "นาง", FirstName = "บุญเรือน", LastName = "ศรีสุข", NationalId = PartnerPrograms.Domain.Common.NationalId.WithCheckDigit("110370012345"), Email = "trainee@example.org" };
            cohort.Enrollments.Add(new Enrollment { Trainee = trainee, Status = EnrollmentStatus.Enrolled, CreatedAt = DateTime.UtcNow });
            db.Cohorts.Add(cohort);
            await db.SaveChangesAsync();
            _actionOne = one.Id;
            return 0;
        });
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task One_hundred_and_twenty_days_give_exactly_these_reminders()
    {
        var sent = new List<string>();
        long lastId = 0;
        for (var day = 0; day <= 120; day++)
        {
            _clock.Set(new DateTimeOffset(Day0.AddDays(day).ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero)); // 07:00 in Bangkok
            var today = Day0.AddDays(day);
            await using (var scope = _web.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<MouExpiry>().RunAsync();
            for (var run = 0; run < 2; run++)
            {
                await using var scope = _web.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(today, CancellationToken.None);
            }
            var fresh = await _app.DbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Id > lastId).OrderBy(m => m.Id).ToListAsync());
            foreach (var m in fresh) sent.Add($"{day}: {m.To}{(m.Cc is null ? "" : " cc " + m.Cc)} | {m.Subject}");
            lastId = fresh.Count > 0 ? fresh[^1].Id : lastId;

            if (day == 10) await RecordAttendanceAsync(AttendanceStatus.Present, sessionDay: 10); // present on day 10; absent on day 11
            if (day == 15) await _app.DbAsync(db => db.MouActions.Where(a => a.Id == _actionOne).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ActionStatus.Done)));
        }

        string Due(int day) => $"{day}: gsb@example.org cc staff@example.org | ภารกิจใกล้ครบกำหนด 1 รายการ";
        string DueContact(int day) => $"{day}: contact@gsb.example cc staff@example.org | ภารกิจใกล้ครบกำหนด 1 รายการ";
        string Overdue(int day) => $"{day}: gsb@example.org cc staff@example.org | ภารกิจเกินกำหนด 1 รายการ";
        string OverdueContact(int day) => $"{day}: contact@gsb.example cc staff@example.org | ภารกิจเกินกำหนด 1 รายการ";
        string[] Term(int day, int left) => [$"{day}: staff@example.org | บันทึกข้อตกลง MOU-2569-001 จะสิ้นสุดในอีก {left} วัน", $"{day}: contact@gsb.example | บันทึกข้อตกลง MOU-2569-001 จะสิ้นสุดในอีก {left} วัน"];
        var expected = new List<string>
        {
            Due(6), DueContact(6),                                           // action one: 14 days before day 20
            "9: trainee@example.org | พรุ่งนี้มีอบรม: เปิดร้านออนไลน์",
        };
        expected.AddRange(Term(10, 90));                                     // the term ends on day 100
        expected.Add("10: trainee@example.org | พรุ่งนี้มีอบรม: ไลฟ์สด");
        expected.Add("12: staff@example.org | ผู้เข้าอบรม 1 คนมีเวลาเรียนไม่พอผ่านเกณฑ์"); // missed day 11: 2 of 3 at best < 80 %
        expected.AddRange([Due(13), DueContact(13)]);                        // 7 days before; done on day 15, so no 1-day reminder
        expected.AddRange([Due(36), DueContact(36)]);                        // action two (day 50): 14 days
        expected.Add("39: trainee@example.org | พรุ่งนี้มีอบรม: กลยุทธ์การขาย");
        expected.AddRange(Term(40, 60));
        expected.AddRange([Due(43), DueContact(43), Due(49), DueContact(49)]); // 7 days, 1 day
        foreach (var monday in new[] { 56, 63, 70, 77, 84, 91, 98 })      // overdue weekly while the MOU is active
        {
            expected.AddRange([Overdue(monday), OverdueContact(monday)]);
            if (monday == 70) expected.AddRange(Term(70, 30));
        }
        // Day 101: the term is over, the MOU expires, and its actions stop reminding.
        sent.ShouldBe(expected);

        // What the partner reads: the action, its date in the Buddhist era, how long is left, a link back, a way out.
        var digest = await _app.DbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.To == "gsb@example.org" && m.Subject == "ภารกิจใกล้ครบกำหนด 1 รายการ").OrderBy(m => m.Id).Skip(2).FirstAsync());
        digest.TextBody.ShouldContain("MOU-2569-001 หลักสูตรการเงินชุมชน");
        digest.TextBody.ShouldContain("จัดทำหลักสูตรฉบับร่าง — ครบกำหนด 23 กุมภาพันธ์ 2570 (อีก 14 วัน)");
        digest.TextBody.ShouldContain("http://portal.test/Mous");
        digest.TextBody.ShouldContain("http://portal.test/Unsubscribe?token=");
        digest.HtmlBody.ShouldContain("จัดทำหลักสูตรฉบับร่าง");
        var contactCopy = await _app.DbAsync(db => db.OutboxMessages.AsNoTracking().FirstAsync(m => m.To == "contact@gsb.example"));
        contactCopy.TextBody.ShouldNotContain("Unsubscribe?token=", customMessage: "a contact without an account has no preferences to change");
        (await _app.DbAsync(db => db.Mous.SingleAsync())).Status.ShouldBe(MouStatus.Expired);
    }

    private Task RecordAttendanceAsync(AttendanceStatus status, int sessionDay) => _app.DbAsync(async db =>
    {
        var session = await db.TrainingSessions.SingleAsync(s => s.Date == Day0.AddDays(sessionDay));
        var enrollment = await db.Enrollments.SingleAsync();
        db.Attendance.Add(new AttendanceRecord { SessionId = session.Id, EnrollmentId = enrollment.Id, Status = status, RecordedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });
}
