using Microsoft.EntityFrameworkCore;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Communities;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Reports;

/// <summary>
/// Known data for the report tests, written through the app's DbContext and domain methods:
/// two partners (A: ธนาคารออมสิน, B: กรมการพัฒนาชุมชน) besides the foundation.
/// MOUs: M1 active (foundation + A) with A's actions overdue ×2, done ×1, due today ×1; M2 active (foundation + B)
/// with B's action overdue ×1, cancelled (past due) ×1, due in 40 days ×1; M3 draft (A); M4 expired (B).
/// Cohorts this year: C1 course X in ขอนแก่น by A, closed: 4 enrolled, 3 completed, 2 valid certificates + 1 revoked;
/// C2 course Y in เชียงใหม่ by B, running: 3 enrolled, 1 waitlisted, 1 withdrawn; C4 course Y online, running: 1 enrolled.
/// Last year: C3 course X in ขอนแก่น by A, closed: 2 enrolled, 2 completed, 2 certificates.
/// The participant is C1's first trainee and also in C3 (both completed and certified).
/// Communities: A ×2 (one with partner A), B, C (partner A), D, unclassified.
/// </summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public PortalFactory App { get; private set; } = null!;
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    public static int Year => Today.Year;
    public long Foundation, PartnerA, PartnerB, CourseX, CourseY, C1, C2, C3, C4, M1, M2;
    public const string CourseXTitle = "การตลาดออนไลน์สำหรับวิสาหกิจชุมชน";
    public const string CourseYTitle = "การทำบัญชีครัวเรือน";

    public async Task InitializeAsync()
    {
        App = await PortalFactory.CreateAsync();
        Foundation = (await App.CreateOrganizationAsync("มูลนิธิสัมมาชีพ", OrganizationKind.Foundation)).Id;
        PartnerA = (await App.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank)).Id;
        PartnerB = (await App.CreateOrganizationAsync("กรมการพัฒนาชุมชน")).Id;

        (M1, M2) = await App.DbAsync(async db =>
        {
            Mou Mou(string code, string title, MouStatus status, long partner, DateOnly start, DateOnly end) => new()
            {
                Code = code,
                Title = title,
                Status = status,
                StartDate = start,
                EndDate = end,
                SigningDate = status == MouStatus.Draft ? null : start,
                Parties = [new MouParty { OrganizationId = Foundation, Role = PartyRole.Lead, SignatoryName = "นายวีรยุทธ ศรีประเสริฐ" },
                           new MouParty { OrganizationId = partner, SignatoryName = "ผู้ลงนาม", SortOrder = 1 }],
            };
            var m1 = Mou("MOU-A-001", "ความร่วมมือด้านการเงินชุมชน", MouStatus.Active, PartnerA, Today.AddMonths(-6), Today.AddYears(2));
            var m2 = Mou("MOU-B-001", "ความร่วมมือพัฒนาวิสาหกิจชุมชน", MouStatus.Active, PartnerB, Today.AddMonths(-6), Today.AddYears(2));
            var m3 = Mou("MOU-A-002", "ร่างความร่วมมือ", MouStatus.Draft, PartnerA, Today, Today.AddYears(1));
            var m4 = Mou("MOU-B-000", "ความร่วมมือเดิม", MouStatus.Expired, PartnerB, Today.AddYears(-3), Today.AddYears(-1));
            db.Mous.AddRange(m1, m2, m3, m4);
            await db.SaveChangesAsync();
            void Actions(Mou m, long org, params (string Title, int DueInDays, ActionStatus Status)[] list)
            {
                var item = new MouItem { MouId = m.Id, Number = 1, Title = "กิจกรรมหลัก" };
                db.MouItems.Add(item);
                db.SaveChanges();
                foreach (var a in list)
                    db.MouActions.Add(new MouAction
                    {
                        MouId = m.Id,
                        ItemId = item.Id,
                        Title = a.Title,
                        ResponsibleOrganizationId = org,
                        DueDate = Today.AddDays(a.DueInDays),
                        Status = a.Status,
                        Percent = a.Status == ActionStatus.Done ? 100 : 20
                    });
            }
            Actions(m1, PartnerA, ("จัดอบรมการออมให้ชุมชน", -5, ActionStatus.NotStarted), ("ส่งรายงานผลการอบรม", -1, ActionStatus.InProgress),
                ("คัดเลือกชุมชนนำร่อง", -30, ActionStatus.Done), ("ประชุมติดตามผล", 0, ActionStatus.NotStarted));
            Actions(m2, PartnerB, ("สำรวจวิสาหกิจชุมชน", -3, ActionStatus.Blocked), ("จัดทำคู่มือเดิม", -10, ActionStatus.Cancelled),
                ("สรุปผลประจำปี", 40, ActionStatus.NotStarted));
            await db.SaveChangesAsync();
            return (m1.Id, m2.Id);
        });

        (CourseX, CourseY) = await App.DbAsync(async db =>
        {
            var x = new Course { TitleTh = CourseXTitle, Hours = 12 };
            var y = new Course { TitleTh = CourseYTitle, Hours = 6 };
            db.Courses.AddRange(x, y);
            await db.SaveChangesAsync();
            return (x.Id, y.Id);
        });
        var thisYear = new DateOnly(Year, 1, 15);
        var lastYear = new DateOnly(Year - 1, 3, 1);
        C1 = await CohortAsync(CourseX, "รุ่นที่ 1 ขอนแก่น", "ขอนแก่น", thisYear, CohortStatus.Completed, PartnerA, M1);
        C2 = await CohortAsync(CourseY, "รุ่นที่ 1 เชียงใหม่", "เชียงใหม่", thisYear, CohortStatus.Running, PartnerB, M2);
        C3 = await CohortAsync(CourseX, "รุ่นปีก่อน ขอนแก่น", "ขอนแก่น", lastYear, CohortStatus.Completed, PartnerA, M1);
        C4 = await CohortAsync(CourseY, "รุ่นออนไลน์", null, thisYear, CohortStatus.Running, null, null);

        var people = await App.TraineesAsync(12);
        await EnrolAsync(C1, people[..4], completed: 3, certified: 2, revoked: 1);
        await EnrolAsync(C2, people[4..7], completed: 0, certified: 0, revoked: 0, waitlisted: people[7], withdrawn: people[8]);
        await EnrolAsync(C3, [people[0], people[9]], completed: 2, certified: 2, revoked: 0);
        await EnrolAsync(C4, [people[10]], completed: 0, certified: 0, revoked: 0);

        await App.CreateUserAsync("staff@example.org", Roles.Staff, name: "สมใจ ใจดี");
        await App.CreateUserAsync("a@example.org", Roles.Partner, PartnerA, name: "วิภา ออมดี");
        await App.CreateUserAsync("b@example.org", Roles.Partner, PartnerB, name: "ประเสริฐ พัฒนา");
        await App.CreateUserAsync("participant@example.org", Roles.Participant, traineeId: people[0].Id, name: "สมชาย ใจดีมาก");

        async Task Community(string name, int place, CommunityCategory? category, params long[] partners)
        {
            var id = await App.CreateCommunityAsync(name, place, partners);
            if (category is { } c)
                await App.DbAsync(async db =>
                {
                    var community = await db.Communities.SingleAsync(x => x.Id == id);
                    community.Override(c, "ผลการประเมินภาคสนาม", "staff", DateTime.UtcNow);
                    await db.SaveChangesAsync();
                    return 0;
                });
        }
        await Community("บ้านแม่กำปอง", CommunityFixture.MaeWin, CommunityCategory.A, PartnerA);
        await Community("บ้านนาป่าหนาด", CommunityFixture.ChiangKhan, CommunityCategory.A);
        await Community("ตลาดน้ำอัมพวา", CommunityFixture.Amphawa, CommunityCategory.B);
        await Community("บ้านนาซ่าว", CommunityFixture.ChiangKhan, CommunityCategory.C, PartnerA);
        await Community("บ้านแม่วินใต้", CommunityFixture.MaeWin, CommunityCategory.D);
        await Community("บ้านใหม่", CommunityFixture.Amphawa, null);
    }

    private Task<long> CohortAsync(long course, string name, string? province, DateOnly start, CohortStatus status, long? partner, long? mou) =>
        App.DbAsync(async db =>
        {
            var c = new Cohort
            {
                CourseId = course,
                Name = name,
                Province = province,
                IsOnline = province is null,
                StartDate = start,
                EndDate = start.AddDays(30),
                Capacity = 30,
                Status = status,
                MouId = mou,
                ClosedAt = status == CohortStatus.Completed ? DateTime.UtcNow : null,
                Partners = partner is { } p ? [new CohortPartner { OrganizationId = p }] : [],
            };
            db.Cohorts.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    /// <summary>Enrols people; the first <paramref name="completed"/> completed (4 of 4 sessions, else 1 of 4), the first
    /// <paramref name="certified"/> hold a valid certificate, the next <paramref name="revoked"/> a revoked one.</summary>
    private Task EnrolAsync(long cohortId, List<Trainee> people, int completed, int certified, int revoked, Trainee? waitlisted = null, Trainee? withdrawn = null) =>
        App.DbAsync(async db =>
        {
            var cohort = await db.Cohorts.Include(c => c.Course).SingleAsync(c => c.Id == cohortId);
            var closed = cohort.Status == CohortStatus.Completed;
            var enrolments = people.Select((t, i) => new Enrollment
            {
                CohortId = cohortId,
                TraineeId = t.Id,
                Status = EnrollmentStatus.Enrolled,
                CreatedAt = DateTime.UtcNow,
                Completed = closed ? i < completed : null,
                AttendedSessions = closed ? (i < completed ? 4 : 1) : null,
                SessionCount = closed ? 4 : null,
                CompletionFixedAt = closed ? DateTime.UtcNow : null,
            }).ToList();
            if (waitlisted is not null) enrolments.Add(new Enrollment { CohortId = cohortId, TraineeId = waitlisted.Id, Status = EnrollmentStatus.Waitlisted, CreatedAt = DateTime.UtcNow, WaitlistedAt = DateTime.UtcNow });
            if (withdrawn is not null) enrolments.Add(new Enrollment { CohortId = cohortId, TraineeId = withdrawn.Id, Status = EnrollmentStatus.Withdrawn, CreatedAt = DateTime.UtcNow, WithdrawnAt = DateTime.UtcNow });
            db.Enrollments.AddRange(enrolments);
            await db.SaveChangesAsync();
            for (var i = 0; i < certified + revoked; i++)
            {
                var e = enrolments[i];
                var t = people[i];
                var certificate = new Certificate
                {
                    Code = CertificateCode.New(),
                    TraineeId = t.Id,
                    CohortId = cohortId,
                    EnrollmentId = e.Id,
                    HolderName = t.FullName,
                    CourseTitle = cohort.Course.TitleTh,
                    CohortName = cohort.Name,
                    StartDate = cohort.StartDate!.Value,
                    EndDate = cohort.EndDate!.Value,
                    Hours = 12,
                    IssuedOn = cohort.EndDate!.Value,
                    Signatories = [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิ")],
                    CreatedAt = DateTime.UtcNow,
                };
                if (i >= certified) certificate.Revoke("ออกผิดรุ่น", DateTime.UtcNow);
                db.Certificates.Add(certificate);
            }
            await db.SaveChangesAsync();
            return 0;
        });

    public async Task DisposeAsync() => await App.DisposeAsync();
}
