using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Pages.Certificates;

namespace PartnerPrograms.Performance;

/// <summary>The issue's target: 515 certificates issued with their ZIP in under 20 s on the 2-core machine.</summary>
public static class IssueBenchmark
{
    public static async Task RunAsync(int count)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var server = await EmbeddedPostgres.StartAsync(dir, "bench");
        try
        {
            var cs = server.ConnectionString("bench");
            await Migrator.MigrateAsync(cs);
            var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                // Throwaway keys: the benchmark's trainees get encrypted national IDs like the app's.
                .AddDbContext<AppDbContext>(o => o.UseNpgsql(cs).UseNationalIdProtection(NationalIdProtector.FromBase64(
                    [new("1", NationalIdProtector.NewKey())], "1", NationalIdProtector.NewKey())))
                .AddSingleton(TimeProvider.System).AddSingleton<PdfRenderer>().AddSingleton<DocumentRenderer>().AddSingleton<CertificatePrinter>()
                .AddScoped<ReminderSender>().AddSingleton<UnsubscribeLinks>().AddSingleton<MailRenderer>().AddSingleton<MailWriter>()
                .AddPortalLocalization().AddScoped<CertificateQueries>().AddScoped<CertificatePdfs>()
                .AddScoped<CertificateMails>().AddScoped<CertificateZip>().AddScoped<CertificateIssuer>();
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.Configure<PortalOptions>(o => o.PublicBaseUrl = "https://portal.example");
            await using var provider = services.BuildServiceProvider();

            long cohortId;
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var course = new Course { TitleTh = "ไลฟ์สดเพื่อการขายและรีวิวสินค้า", TitleEn = "Live selling and product reviews", Hours = 30 };
                var cohort = new Cohort { Course = course, Name = "รุ่นที่ 1/2564", Capacity = count, Status = CohortStatus.Completed, StartDate = new DateOnly(2021, 3, 1), EndDate = new DateOnly(2021, 3, 5), ClosedAt = DateTime.UtcNow };
                db.Cohorts.Add(cohort);
                for (var i = 0; i < count; i++)
                {
                    var t = new Trainee { Title = "นางสาว", FirstName = $"ญาณี{i}", LastName = "ปิ่นแก้วฟ้า", NationalId = NationalId.WithCheckDigit("1" + (10_000_000_000L + i).ToString("D11", System.Globalization.CultureInfo.InvariantCulture)), Email = $"t{i}@example.org" };
                    db.Enrollments.Add(new Enrollment { Cohort = cohort, Trainee = t, Status = EnrollmentStatus.Enrolled, CreatedAt = DateTime.UtcNow, Completed = true, AttendedSessions = 5, SessionCount = 5, CompletionFixedAt = DateTime.UtcNow });
                }
                await db.SaveChangesAsync();
                cohortId = cohort.Id;
            }
            // warm-up: start Chromium (a running portal has it warm)
            var printer = provider.GetRequiredService<CertificatePrinter>();
            await printer.PrintAsync([new CertificateModel("มูลนิธิสัมมาชีพ", "Sammachiv Foundation", null, "นางสาวญาณี ปิ่นแก้วฟ้า", null, "ทดสอบ", null, "รุ่นที่ 1",
                new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 5), 30, new DateOnly(2021, 3, 5), [], "K7QF-3M9D-XA", "https://portal.example/verify/K7QF3M9DXA")], PdfPool.Jobs);

            var sw = Stopwatch.StartNew();
            await using (var scope = provider.CreateAsyncScope())
            {
                var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
                var (batch, _) = await issuer.CreateBatchAsync(cohortId, [new("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ")]);
                await issuer.RunBatchAsync(batch.Id);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var done = await db.CertificateBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
                sw.Stop();
                Console.WriteLine($"issued={done.Done} of {done.Total} status={done.Status} zipMB={done.Zip!.Length / 1048576.0:F1} " +
                                  $"seconds={sw.Elapsed.TotalSeconds:F2} perSecond={done.Done / sw.Elapsed.TotalSeconds:F1} emails={await db.OutboxMessages.CountAsync()}");
            }
            await provider.GetRequiredService<PdfRenderer>().DisposeAsync();
        }
        finally
        {
            await server.StopAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
