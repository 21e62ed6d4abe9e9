using PartnerPrograms.Domain.Training;
using PartnerPrograms.Web.Demo;

namespace PartnerPrograms.Web.Pages.Training;

/// <summary>
/// Demo training data: the seed-002 online-selling courses (CODI with Mahasarakham University) and the seed-004
/// community-finance curriculum, three cohorts (one closed), sessions, ~40 invented trainees and attendance with gaps.
/// Adds nothing when the courses exist already.
/// </summary>
public sealed class TrainingDemo : IDemoContributor
{
    public int Order => 20;

    private static readonly (string Th, string En, string Syllabus, decimal Hours, decimal? PassMark)[] SeedCourses =
    [
        ("การเปิดร้านค้าออนไลน์", "Opening an online shop", "สมัครเป็นเจ้าของร้านค้าออนไลน์\nจัดหน้าร้านและรายการสินค้า\nการรับชำระเงินและการจัดส่ง", 12, null),
        ("การเขียนเรื่องเล่าให้สินค้า", "Storytelling for products", "เรื่องเล่าของชุมชนและผู้ผลิต\nเขียนคำบรรยายสินค้าให้น่าสนใจ", 6, null),
        ("การตัดต่อภาพสินค้า", "Editing product photos", "ถ่ายภาพสินค้าด้วยโทรศัพท์\nตัดต่อและปรับแต่งภาพ", 6, null),
        ("การตัดต่อคลิปโฆษณาสินค้าด้วยโทรศัพท์มือถือ", "Cutting product ad clips on a phone", "วางโครงเรื่องคลิปสั้น\nตัดต่อคลิปด้วยแอปบนมือถือ", 6, null),
        ("ไลฟ์สดเพื่อการขายและรีวิวสินค้า", "Live-selling and product reviews",
            "เตรียมการไลฟ์สด\nการรีวิวสินค้าอย่างน่าเชื่อถือ\nการปิดการขายระหว่างไลฟ์", 9, null),
        ("กลยุทธ์การขาย (โปรโมชั่น พรีออร์เดอร์)", "Sales strategy (promotions, pre-orders)", "การออกแบบโปรโมชั่น\nการขายแบบพรีออร์เดอร์", 6, null),
        ("หลักสูตรการเงินชุมชน", "Community finance",
            "การบริหารจัดการความเสี่ยง\nการสร้างเศรษฐกิจจากฐานการเงินชุมชน\nโรงเรียนออมทรัพย์ (หลักสูตรทางเลือก)", 18, 60),
    ];

    private static readonly string[] FirstNames =
        [
            "สมชาย", "สมหญิง", "ประยุทธ", "วันเพ็ญ", "สุริยา", "กาญจนา", "ธนพล", "อรุณี", "บุญมี", "มาลัย",
            "วิชัย", "จันทร์เพ็ญ", "สมศักดิ์", "ละเอียด", "ทองใบ", "พิมพ์ใจ", "อำนาจ", "ศรีสุดา", "เกษม", "บัวผัน",
        ];
    private static readonly string[] LastNames =
        [
            "ใจงาม", "ศรีสุข", "บุญมา", "ทองดี", "แก้วมณี", "พรหมวงศ์", "สายทอง", "คำแสน",
            "ดวงดี", "มีสุข", "ชัยมงคล", "ภูผา", "นาคสวัสดิ์", "วงศ์ไทย", "สุขเจริญ",
        ];
    private static readonly string[] Communities =
        [
            "วิสาหกิจชุมชนข้าวไรซ์เบอร์รี่แจ้ซ้อน", "กลุ่มทอผ้าครามบ้านดอน", "กลุ่มแปรรูปปลานิลแพร่",
            "กองทุนหมู่บ้านบ้านหนองบัว", "กลุ่มอาชีพสหกรณ์บ้านโคก", "กลุ่ม OTOP น้ำพริกแม่บุญ",
        ];
    private static readonly string[] Provinces = ["มหาสารคาม", "ลำปาง", "แพร่", "สกลนคร", "ขอนแก่น", "แม่ฮ่องสอน", "สตูล"];

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        if (await db.Courses.AnyAsync(c => c.TitleTh == SeedCourses[0].Th, ct)) return;
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);

        var courses = SeedCourses.Select(c => new Course
        {
            TitleTh = c.Th,
            TitleEn = c.En,
            Syllabus = c.Syllabus,
            Hours = c.Hours,
            PassMark = c.PassMark,
            MinAttendancePercent = 80,
            Description = c.PassMark is null
                ? "พอช. ร่วมกับคณะการบัญชีและการจัดการ มหาวิทยาลัยมหาสารคาม พัฒนาผู้นำเครือข่ายธุรกิจชุมชนสู่ผู้ประกอบการออนไลน์"
                : "หลักสูตรร่วมของมูลนิธิสัมมาชีพ กรมการพัฒนาชุมชน ธนาคารออมสิน และกองทุนหมู่บ้านและชุมชนเมืองแห่งชาติ",
        }).ToList();
        db.Courses.AddRange(courses);
        await db.SaveChangesAsync(ct);

        // ~40 invented people with valid generated national IDs; the demo participant is one of them.
        var random = new Random(2564);
        var trainees = new List<Trainee>();
        var used = new HashSet<string>();
        var participant = new Trainee { Title = "นางสาว", FirstName = "ญาณี", LastName = "ปิ่นแก้วฟ้า", Province = "มหาสารคาม", Community = Communities[0] };
        trainees.Add(participant);
        for (var i = 0; trainees.Count < 41; i++)
        {
            var female = i % 2 == 1;
            trainees.Add(new Trainee
            {
                Title = female ? (i % 4 == 1 ? "นาง" : "นางสาว") : "นาย",
                FirstName = FirstNames[i % FirstNames.Length],
                LastName = LastNames[(i * 7) % LastNames.Length],
                Province = Provinces[i % Provinces.Length],
                Community = Communities[i % Communities.Length],
                Phone = "08" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                BirthDate = new DateOnly(1960 + random.Next(0, 40), random.Next(1, 13), random.Next(1, 29)),
            });
        }
        foreach (var t in trainees)
        {
            string id;
            do id = NationalId.WithCheckDigit("3" + string.Concat(Enumerable.Range(0, 11).Select(_ => (char)('0' + random.Next(10)))));
            while (!used.Add(id));
            t.NationalId = id;
            t.PdpaConsentAt = now;
            t.PdpaConsentBy = "ข้อมูลสาธิต";
            t.CreatedAt = now;
        }
        db.Trainees.AddRange(trainees);
        await db.SaveChangesAsync(ct);
        await db.Users.Where(u => u.Email == "participant@demo.local").ExecuteUpdateAsync(s => s.SetProperty(u => u.TraineeId, participant.Id), ct);

        var msu = demo.Organizations["msu"].Id;
        var codi = demo.Organizations["codi"].Id;
        var commands = new TrainingCommands(db);

        // 1. Delivered and closed: the online shop course, 8 sessions, 24 people, gaps in attendance.
        var shop = await AddCohortAsync(db, courses[0], "รุ่นที่ 1/2564", new DateOnly(2021, 6, 5), 8, 30, CohortStatus.Running, "มหาสารคาม",
            "คณะการบัญชีและการจัดการ มหาวิทยาลัยมหาสารคาม", [msu, codi], ct);
        await EnrollAndMarkAsync(db, commands, shop, trainees.Take(24).ToList(), now, ct);
        await commands.CloseAsync(shop.Id, now, ct);

        // 2. Running now: live-selling, capacity 15 with a waitlist, the first sessions taken.
        var live = await AddCohortAsync(db, courses[4], "รุ่นที่ 2/2564", today.AddDays(-14), 4, 15, CohortStatus.Running, "มหาสารคาม",
            "มหาวิทยาลัยมหาสารคาม (ออนไลน์และห้องปฏิบัติการ)", [msu, codi], ct);
        await EnrollAndMarkAsync(db, commands, live, trainees.Skip(10).Take(18).ToList(), now, ct, sessionsToMark: 2);

        // 3. Open for enrolment: community finance with the four organisations of seed 004.
        var finance = await AddCohortAsync(db, courses[6], "รุ่นที่ 1/2569", today.AddDays(30), 6, 40, CohortStatus.Open, "กรุงเทพมหานคร",
            "ธนาคารออมสิน สำนักงานใหญ่", [demo.Organizations["gsb"].Id, demo.Organizations["cdd"].Id, demo.Organizations["vfund"].Id], ct);
        await commands.EnrollManyAsync(finance.Id, trainees.Skip(30).Select(t => t.Id).Append(participant.Id).ToList(), now, ct);
    }

    private static async Task<Cohort> AddCohortAsync(Domain.Database.AppDbContext db, Course course, string name, DateOnly start, int sessions, int capacity,
        CohortStatus status, string province, string venue, long[] partners, CancellationToken ct)
    {
        var topics = course.SyllabusTopics.ToList();
        var cohort = new Cohort
        {
            CourseId = course.Id,
            Name = name,
            StartDate = start,
            EndDate = start.AddDays(7 * (sessions - 1)),
            Capacity = capacity,
            Status = status,
            Province = province,
            Venue = venue,
            Instructors = "อาจารย์คณะการบัญชีและการจัดการ",
            CreatedAt = DateTime.UtcNow,
            Partners = partners.Select(p => new CohortPartner { OrganizationId = p }).ToList(),
            Sessions = Enumerable.Range(0, sessions).Select(i => new TrainingSession
            {
                Date = start.AddDays(7 * i),
                StartTime = new TimeOnly(9, 0),
                EndTime = new TimeOnly(16, 0),
                Topic = $"ครั้งที่ {i + 1}: {topics[i % topics.Count]}",
                Place = venue,
            }).ToList(),
        };
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync(ct);
        return cohort;
    }

    private static async Task EnrollAndMarkAsync(Domain.Database.AppDbContext db, TrainingCommands commands, Cohort cohort, List<Trainee> people, DateTime now,
        CancellationToken ct, int? sessionsToMark = null)
    {
        await commands.EnrollManyAsync(cohort.Id, people.Select(p => p.Id).ToList(), now, ct);
        var enrolled = await db.Enrollments
            .Where(e => e.CohortId == cohort.Id && e.Status == EnrollmentStatus.Enrolled)
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(ct);
        // Only sessions that have taken place: present, late and absent cannot be recorded ahead (AttendanceRules).
        var sessions = cohort.Sessions
            .Where(s => AttendanceRules.HasStarted(s.Date, s.StartTime, new DateTimeOffset(now)))
            .OrderBy(s => s.Date)
            .Take(sessionsToMark ?? cohort.Sessions.Count)
            .ToList();
        for (var j = 0; j < sessions.Count; j++)
        {
            var marks = enrolled.Select((e, i) => (e, (i * 7 + j * 3) % 11 == 0 || (i == 3 && j < 3) ? AttendanceStatus.Absent
                : (i + j) % 13 == 0 ? AttendanceStatus.Late : (i * j) % 17 == 5 ? AttendanceStatus.Excused : AttendanceStatus.Present)).ToList();
            await commands.RecordAttendanceAsync(sessions[j].Id, marks, now, ct);
        }
    }
}
