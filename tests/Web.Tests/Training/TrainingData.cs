using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Training;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Training;

/// <summary>Creates training records straight in the database for tests that exercise something else.</summary>
public static class TrainingData
{
    private static int _seq;

    public static string NewNationalId()
    {
        var n = Interlocked.Increment(ref _seq) + Random.Shared.Next(0, 1_000_000) * 1000L;
        return NationalId.WithCheckDigit("1" + (n % 100_000_000_000L).ToString("D11", System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Task<Course> CourseAsync(this PortalFactory app, string title = "การเปิดร้านค้าออนไลน์", int minPercent = 80, decimal? passMark = null) =>
        app.DbAsync(async db =>
        {
            var c = new Course { TitleTh = title + " " + Guid.NewGuid().ToString("N")[..6], Hours = 12, MinAttendancePercent = minPercent, PassMark = passMark };
            db.Courses.Add(c);
            await db.SaveChangesAsync();
            return c;
        });

    public static Task<Cohort> CohortAsync(this PortalFactory app, long courseId, int capacity = 30, int sessions = 0, long[]? partners = null,
        string name = "รุ่นที่ 1/2564", CohortStatus status = CohortStatus.Open) =>
        app.DbAsync(async db =>
        {
            var c = new Cohort
            {
                CourseId = courseId,
                Name = name + " " + Guid.NewGuid().ToString("N")[..4],
                Capacity = capacity,
                Status = status,
                Province = "มหาสารคาม",
                StartDate = new DateOnly(2021, 6, 1),
                EndDate = new DateOnly(2021, 8, 1),
                Venue = "มหาวิทยาลัยมหาสารคาม",
                Partners = (partners ?? []).Select(p => new CohortPartner { OrganizationId = p }).ToList(),
                Sessions = Enumerable.Range(0, sessions).Select(i => new TrainingSession
                {
                    Date = new DateOnly(2021, 6, 1).AddDays(7 * i),
                    StartTime = new TimeOnly(9, 0),
                    EndTime = new TimeOnly(16, 0),
                    Topic = $"ครั้งที่ {i + 1}",
                }).ToList(),
            };
            db.Cohorts.Add(c);
            await db.SaveChangesAsync();
            return c;
        });

    public static Task<List<Trainee>> TraineesAsync(this PortalFactory app, int count, string? community = null) =>
        app.DbAsync(async db =>
        {
            var list = Enumerable.Range(1, count).Select(i => new Trainee
            {
                Title = i % 2 == 0 ? "นาง" : "นาย",
                FirstName = $"สมชาย{i:D3}",
                LastName = "ใจดีมาก",
                NationalId = NewNationalId(),
                Community = community ?? "วิสาหกิจชุมชนบ้านหนองบัว",
                Province = "มหาสารคาม",
                CreatedAt = DateTime.UtcNow,
            }).ToList();
            db.Trainees.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        });

    public static Task<List<long>> EnrollAllAsync(this PortalFactory app, long cohortId, IEnumerable<Trainee> trainees) =>
        app.InScopeAsync(async sp =>
        {
            var commands = sp.GetRequiredService<TrainingCommands>();
            var ids = new List<long>();
            foreach (var t in trainees) ids.Add((await commands.EnrollAsync(cohortId, t.Id, DateTime.UtcNow)).EnrollmentId);
            return ids;
        });

    /// <summary>Posts a file to the import page as a browser would (multipart with the antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName, string contentType = "text/csv")
    {
        var doc = await client.GetDocumentAsync("/Trainees/Import");
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "Upload", fileName);
        return await client.PostAsync("/Trainees/Import", form);
    }
}
