using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Certificates;
using PartnerPrograms.Web.Pages.Training;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Certificates;

/// <summary>A closed cohort: the first <c>completed</c> trainees attended every session, the rest none.</summary>
public sealed record ClosedCohort(Course Course, Cohort Cohort, List<Trainee> Trainees, List<long> EnrollmentIds, int Completed);

public static class CertificateData
{
    public static readonly string[] Names = ["นางสาวญาณี ปิ่นแก้วฟ้า", "นายปั้น ผู้ใหญ่ฟ้าลั่น", "นางบุญเรือน ศักดิ์ศรีเจริญ", "นายสมศักดิ์ ไม่มาเลย", "นางสาวขาด เรียนบ่อย"];

    public static async Task<ClosedCohort> ClosedCohortAsync(this PortalFactory app, int completed = 3, int notCompleted = 1, bool close = true, int capacity = 30)
    {
        var course = await app.CourseAsync("ไลฟ์สดเพื่อการขายและรีวิวสินค้า");
        var cohort = await app.CohortAsync(course.Id, capacity: Math.Max(capacity, completed + notCompleted), sessions: 2);
        var trainees = await app.DbAsync(async db =>
        {
            var list = Enumerable.Range(0, completed + notCompleted).Select(i =>
            {
                var name = Names[i % Names.Length].Split(' ');
                var title = new[] { "นางสาว", "นาย", "นาง" }.First(t => name[0].StartsWith(t, StringComparison.Ordinal));
                return new Trainee
                {
                    Title = title,
                    FirstName = name[0][title.Length..] + (i >= Names.Length ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
                    LastName = name[1],
                    NationalId = TrainingData.NewNationalId(),
                    Phone = $"08{i}-555-12{i:D2}",
                    Email = $"t{i}.{Guid.NewGuid():N}@example.org",
                    Province = "มหาสารคาม",
                    CreatedAt = DateTime.UtcNow,
                };
            }).ToList();
            db.Trainees.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        });
        var enrollments = await app.EnrollAllAsync(cohort.Id, trainees);
        await app.InScopeAsync(async sp =>
        {
            var commands = sp.GetRequiredService<TrainingCommands>();
            var sessions = await sp.GetRequiredService<Domain.Database.AppDbContext>().TrainingSessions.Where(s => s.CohortId == cohort.Id).Select(s => s.Id).ToListAsync();
            foreach (var s in sessions)
                await commands.RecordAttendanceAsync(s, enrollments.Select((e, i) => (e, i < completed ? AttendanceStatus.Present : AttendanceStatus.Absent)).ToList(), DateTime.UtcNow);
            if (close) await commands.CloseAsync(cohort.Id, DateTime.UtcNow);
        });
        return new ClosedCohort(course, cohort, trainees, enrollments, completed);
    }

    /// <summary>What the job does, run here directly (the scheduler is off in tests).</summary>
    public static Task<CertificateBatch> IssueAllAsync(this PortalFactory app, long cohortId) =>
        app.InScopeAsync(async sp =>
        {
            var issuer = sp.GetRequiredService<CertificateIssuer>();
            var (batch, _) = await issuer.CreateBatchAsync(cohortId, [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ")]);
            await issuer.RunBatchAsync(batch.Id);
            var db = sp.GetRequiredService<Domain.Database.AppDbContext>();
            return await db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
        });

    public static Task<List<Certificate>> CertificatesAsync(this PortalFactory app, long cohortId) =>
        app.DbAsync(db => db.Certificates.AsNoTracking().Where(c => c.CohortId == cohortId).OrderBy(c => c.Id).ToListAsync());
}
