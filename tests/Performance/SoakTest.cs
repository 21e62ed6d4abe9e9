using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Training;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Training;

namespace PartnerPrograms.Performance;

/// <summary>
/// `soak [--minutes 10] [--workers 4] [--out FILE]`: an embedded PostgreSQL and the portal as a separate process, N
/// minutes of mixed API load (reads of lists and records; writes: new trainees, MOU action updates, attendance), with
/// faults injected on a fixed schedule (PostgreSQL crashed and restarted at 25 % and 75 % of the run, the portal
/// SIGKILLed and restarted at 50 %). A write counts as acknowledged only when the server answered 2xx; at the end every
/// acknowledged write must be in the database (attendance: the last acknowledged mark, or a later one whose answer was
/// lost). The portal's resident memory is sampled every 5 s. Prints a Markdown summary and writes it to --out.
/// </summary>
public static class SoakTest
{
    private const string AdminEmail = "soak-admin@example.org";
    private const string AdminPassword = "Soak-Password-2569";

    private sealed record Fault(string What, DateTime At, double DownSeconds, double RecoverSeconds);
    private sealed record Sample(double Minute, double? RssMiB, int Start);

    private sealed class Counters
    {
        public long Reads, ReadFailures, Writes, WriteAcknowledged, WriteFailures, WriteRefused;
        public readonly ConcurrentBag<double> ReadMs = [];
        public readonly ConcurrentBag<double> WriteMs = [];
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string? Opt(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
        var minutes = double.Parse(Opt("minutes") ?? "10", CultureInfo.InvariantCulture);
        var workers = int.Parse(Opt("workers") ?? "4", CultureInfo.InvariantCulture);
        var outFile = Opt("out");
        var duration = TimeSpan.FromMinutes(minutes);

        var work = Path.Combine(Path.GetTempPath(), "pp-soak-" + Guid.NewGuid().ToString("N")[..8]);
        var loadStart = LoadAverage();
        Console.WriteLine($"soak: {minutes} min, {workers} workers, folder {work}, load average {loadStart}");
        await using var pg = await EmbeddedPostgres.StartAsync(Path.Combine(work, "pg"), "pp_soak");
        var cs = pg.ConnectionString("pp_soak");
        await Migrator.MigrateAsync(cs);
        var setup = await SeedAsync(cs, workers);
        await CreateAdminAsync(cs);

        // Short connection timeouts: during an outage requests fail in seconds instead of piling up.
        await using var portal = new PortalProcess(cs + ";Timeout=5;Command Timeout=15", Path.Combine(work, "portal"), new Dictionary<string, string>
        {
            ["Jobs__CheckinSeconds"] = "5",
            ["Jobs__CheckinMisfireSeconds"] = "10",
        });
        await portal.StartAsync();
        using var http = portal.CreateClient();
        var token = await TokenAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (mouId, actions) = await CreateMouActionsAsync(http, setup, workers * 5);

        var counters = new Counters();
        var trainees = new ConcurrentBag<long>();
        var updates = new ConcurrentBag<long>();
        // Attendance per (session, enrollment): the marks sent in order; the index of the last acknowledged one.
        var marks = new ConcurrentDictionary<(long Session, long Enrollment), List<(string Status, bool Acknowledged)>>();
        var samples = new ConcurrentQueue<Sample>();
        var faults = new List<Fault>();
        var started = DateTime.UtcNow;
        using var stop = new CancellationTokenSource(duration);

        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Enqueue(new Sample((DateTime.UtcNow - started).TotalMinutes, portal.ResidentMiB(), portal.Starts));
                try { await Task.Delay(5000, stop.Token); } catch (OperationCanceledException) { }
            }
        });

        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 17);
            var myActions = actions.Where((_, i) => i % workers == w).ToList();
            var myEnrollments = setup.Enrollments.Where((_, i) => i % workers == w).ToList();
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                var pick = random.Next(100);
                var sw = Stopwatch.StartNew();
                try
                {
                    if (pick < 50)
                    {
                        var url = (pick % 5) switch
                        {
                            0 => "/api/v1/mous",
                            1 => $"/api/v1/mous/{mouId}",
                            2 => $"/api/v1/trainees/{setup.TraineeIds[random.Next(setup.TraineeIds.Count)]}",
                            3 => "/api/v1/mous?q=" + Uri.EscapeDataString("ความร่วมมือ"),
                            _ => "/health",
                        };
                        Interlocked.Increment(ref counters.Reads);
                        var r = await http.GetAsync(url);
                        if (r.IsSuccessStatusCode) counters.ReadMs.Add(sw.Elapsed.TotalMilliseconds);
                        else Interlocked.Increment(ref counters.ReadFailures);
                    }
                    else if (pick < 70)
                    {
                        Interlocked.Increment(ref counters.Writes);
                        var r = await http.PostAsJsonAsync("/api/v1/trainees", new
                        {
                            title = "นางสาว",
                            firstName = $"ทดสอบ{w}x{n}",
                            lastName = "ยืนระยะ",
                            nationalId = NationalId.WithCheckDigit("3" + (w * 10_000_000_000L + n * 1000L + random.Next(1000)).ToString("D11", CultureInfo.InvariantCulture)),
                            province = "มหาสารคาม",
                        });
                        if (r.StatusCode == HttpStatusCode.Created)
                        {
                            trainees.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
                            Acknowledged(counters, sw);
                        }
                        else Failed(counters, r.StatusCode);
                    }
                    else if (pick < 85 && myActions.Count > 0)
                    {
                        Interlocked.Increment(ref counters.Writes);
                        var action = myActions[random.Next(myActions.Count)];
                        var r = await http.PostAsJsonAsync($"/api/v1/actions/{action}/updates", new { text = $"ความคืบหน้า {w}/{n}", percent = random.Next(0, 100) });
                        if (r.StatusCode == HttpStatusCode.Created)
                        {
                            updates.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
                            Acknowledged(counters, sw);
                        }
                        else Failed(counters, r.StatusCode);
                    }
                    else if (myEnrollments.Count > 0)
                    {
                        Interlocked.Increment(ref counters.Writes);
                        var session = setup.Sessions[random.Next(setup.Sessions.Count)];
                        var enrollment = myEnrollments[random.Next(myEnrollments.Count)];
                        var status = new[] { "present", "late", "absent", "excused" }[random.Next(4)];
                        var list = marks.GetOrAdd((session, enrollment), _ => []);
                        var index = list.Count;
                        list.Add((status, false));
                        var r = await http.PutAsJsonAsync($"/api/v1/sessions/{session}/attendance", new[] { new { enrollmentId = enrollment, status } });
                        if (r.IsSuccessStatusCode) { list[index] = (status, true); Acknowledged(counters, sw); }
                        else Failed(counters, r.StatusCode);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Connection refused (portal down) or no answer: the write, if any, is not acknowledged.
                    if (pick >= 50) Interlocked.Increment(ref counters.WriteFailures); else Interlocked.Increment(ref counters.ReadFailures);
                    await Task.Delay(200);
                }
            }
        })).ToList();

        // Fault schedule: database crash at 25 %, portal kill -9 at 50 %, database crash at 75 %.
        async Task WaitUntil(double fraction)
        {
            var at = started + duration * fraction;
            while (DateTime.UtcNow < at && !stop.IsCancellationRequested) await Task.Delay(250);
        }
        async Task<double> HealthyAfterAsync(DateTime from)
        {
            using var probe = portal.CreateClient();
            while (true)
            {
                try { if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return (DateTime.UtcNow - from).TotalSeconds; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                await Task.Delay(250);
            }
        }
        async Task DatabaseCrashAsync(double downSeconds)
        {
            var at = DateTime.UtcNow;
            await pg.KillServerAsync(immediate: true);
            Console.WriteLine($"{Elapsed(started)} PostgreSQL crashed (immediate stop)");
            await Task.Delay(TimeSpan.FromSeconds(downSeconds));
            var back = DateTime.UtcNow;
            await pg.RestartOnSamePortAsync();
            var recover = await HealthyAfterAsync(back);
            faults.Add(new Fault("PostgreSQL crashed (pg_ctl stop -m immediate), restarted on the same port", at, (back - at).TotalSeconds, recover));
            Console.WriteLine($"{Elapsed(started)} PostgreSQL back; /health 200 after {recover:F1} s");
        }
        var injector = Task.Run(async () =>
        {
            await WaitUntil(0.25);
            if (!stop.IsCancellationRequested) await DatabaseCrashAsync(20);
            await WaitUntil(0.50);
            if (!stop.IsCancellationRequested)
            {
                var at = DateTime.UtcNow;
                await portal.KillAsync();
                Console.WriteLine($"{Elapsed(started)} portal killed (SIGKILL)");
                await Task.Delay(3000);
                var back = DateTime.UtcNow;
                await portal.StartAsync();
                var recover = (DateTime.UtcNow - back).TotalSeconds;
                faults.Add(new Fault("Portal process SIGKILLed, started again", at, (back - at).TotalSeconds, recover));
                Console.WriteLine($"{Elapsed(started)} portal back; /health 200 after {recover:F1} s");
            }
            await WaitUntil(0.75);
            if (!stop.IsCancellationRequested) await DatabaseCrashAsync(15);
        });

        var loadMiddle = "";
        var reporter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(30_000, stop.Token); } catch (OperationCanceledException) { break; }
                if (loadMiddle.Length == 0 && DateTime.UtcNow - started > duration / 2) loadMiddle = LoadAverage();
                Console.WriteLine($"{Elapsed(started)} reads {counters.Reads} (failed {counters.ReadFailures}), writes acknowledged {counters.WriteAcknowledged} " +
                                  $"(failed {counters.WriteFailures}, refused {counters.WriteRefused}), rss {portal.ResidentMiB():F0} MiB, load {LoadAverage()}");
            }
        });

        await Task.WhenAll(load);
        await injector;
        await Task.WhenAll(sampler, reporter);
        var loadEnd = LoadAverage();
        await HealthyAfterAsync(DateTime.UtcNow);

        // Count: every acknowledged write must be in the database.
        await using var conn = new NpgsqlConnection(cs + ";Pooling=false");
        await conn.OpenAsync();
        async Task<long> PresentAsync(string table, long[] ids)
        {
            await using var cmd = new NpgsqlCommand($"select count(*) from {table} where id = any(@ids)", conn);
            cmd.Parameters.AddWithValue("ids", ids);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        var traineeIds = trainees.Distinct().ToArray();
        var updateIds = updates.Distinct().ToArray();
        var traineesPresent = await PresentAsync("trainees", traineeIds);
        var updatesPresent = await PresentAsync("action_updates", updateIds);
        var stored = new Dictionary<(long, long), string>();
        await using (var cmd = new NpgsqlCommand("select session_id, enrollment_id, status from attendance", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetString(2);
        long marksAcknowledged = 0, marksChecked = 0, marksLost = 0;
        foreach (var (key, list) in marks)
        {
            var last = list.FindLastIndex(m => m.Acknowledged);
            marksAcknowledged += list.Count(m => m.Acknowledged);
            if (last < 0) continue;
            marksChecked++;
            // The final mark is the last acknowledged one, or one sent after it whose answer was lost.
            var allowed = list.Skip(last).Select(m => m.Status).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!stored.TryGetValue(key, out var final) || !allowed.Contains(final)) marksLost++;
        }
        var lost = traineeIds.Length - traineesPresent + (updateIds.Length - updatesPresent) + marksLost;

        var all = samples.ToList();
        var summary = Summary(minutes, workers, counters, traineeIds.Length, traineesPresent, updateIds.Length, updatesPresent, marksAcknowledged,
            marksChecked, marksLost, lost, faults, all, loadStart, loadMiddle, loadEnd, started);
        Console.WriteLine(summary);
        if (outFile is not null) await File.WriteAllTextAsync(outFile, summary);

        await portal.StopAsync();
        await pg.StopAsync();
        try { Directory.Delete(work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return lost == 0 ? 0 : 1;
    }

    private static void Acknowledged(Counters c, Stopwatch sw)
    {
        Interlocked.Increment(ref c.WriteAcknowledged);
        c.WriteMs.Add(sw.Elapsed.TotalMilliseconds);
    }

    private static void Failed(Counters c, HttpStatusCode status)
    {
        // 503 (database down) and 5xx are failures; 4xx (e.g. a 409 on a concurrent edit) is a refusal.
        if ((int)status >= 500) Interlocked.Increment(ref c.WriteFailures); else Interlocked.Increment(ref c.WriteRefused);
    }

    private static string Elapsed(DateTime started) => $"[{(DateTime.UtcNow - started).TotalMinutes:F1} min]";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Summary(double minutes, int workers, Counters c, int trainees, long traineesPresent, int updates, long updatesPresent,
        long marksAcknowledged, long marksChecked, long marksLost, long lost, List<Fault> faults, List<Sample> samples,
        string loadStart, string loadMiddle, string loadEnd, DateTime started)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"# Soak: {minutes} min, {workers} workers, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average (1/5/15 min) at start {loadStart}, middle {loadMiddle}, end {loadEnd}.");
        s.AppendLine();
        s.AppendLine("| | count |");
        s.AppendLine("|---|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| reads (OK / failed) | {c.Reads - c.ReadFailures:N0} / {c.ReadFailures:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| writes sent | {c.Writes:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| writes acknowledged (2xx) | {c.WriteAcknowledged:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| writes failed (5xx, no answer, portal down) | {c.WriteFailures:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| writes refused (4xx, e.g. 409 concurrent edit) | {c.WriteRefused:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| read latency p50 / p95 (ms, successful) | {Percentile(c.ReadMs, 0.5):F0} / {Percentile(c.ReadMs, 0.95):F0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| write latency p50 / p95 (ms, acknowledged) | {Percentile(c.WriteMs, 0.5):F0} / {Percentile(c.WriteMs, 0.95):F0} |");
        s.AppendLine();
        s.AppendLine("Acknowledged writes found in the database afterwards:");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"- new trainees: {traineesPresent:N0} of {trainees:N0}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- MOU action updates: {updatesPresent:N0} of {updates:N0}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- attendance marks: {marksAcknowledged:N0} acknowledged on {marksChecked:N0} (session, trainee) pairs; pairs whose stored mark is not the last acknowledged one (or a later unanswered one): {marksLost:N0}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- **lost writes: {lost:N0}**");
        s.AppendLine();
        s.AppendLine("Faults injected:");
        s.AppendLine();
        s.AppendLine("| at (min) | fault | down (s) | /health 200 again after (s) |");
        s.AppendLine("|---:|---|---:|---:|");
        foreach (var f in faults)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {(f.At - started).TotalMinutes:F1} | {f.What} | {f.DownSeconds:F0} | {f.RecoverSeconds:F1} |");
        s.AppendLine();
        s.AppendLine("Portal resident memory (VmRSS, sampled every 5 s), per process lifetime:");
        s.AppendLine();
        s.AppendLine("| process | samples | first (MiB) | at 1 min (MiB) | peak (MiB) | last (MiB) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var life in samples.Where(x => x.RssMiB is not null).GroupBy(x => x.Start))
        {
            var list = life.ToList();
            var oneMinute = list.FirstOrDefault(x => x.Minute >= list[0].Minute + 1) ?? list[^1];
            s.AppendLine(CultureInfo.InvariantCulture, $"| start {life.Key} ({list[0].Minute:F1}–{list[^1].Minute:F1} min) | {list.Count} | {list[0].RssMiB:F0} | {oneMinute.RssMiB:F0} | {list.Max(x => x.RssMiB):F0} | {list[^1].RssMiB:F0} |");
        }
        return s.ToString();
    }

    private sealed record Setup(long FoundationId, long PartnerId, List<long> Sessions, List<long> Enrollments, List<long> TraineeIds);

    /// <summary>What the load needs and no API creates: organisations, a course, a cohort with sessions and 40 enrolments.</summary>
    private static async Task<Setup> SeedAsync(string cs, int workers)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options;
        await using var db = new AppDbContext(options, new DataScope(null, null));
        var foundation = new Organization { NameTh = "มูลนิธิสัมมาชีพ", Kind = OrganizationKind.Foundation };
        var partner = new Organization { NameTh = "กรมการพัฒนาชุมชน", Kind = OrganizationKind.GovernmentDepartment };
        db.Organizations.AddRange(foundation, partner);
        var course = new Course { TitleTh = "การเปิดร้านค้าออนไลน์", Hours = 12, MinAttendancePercent = 80 };
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        var cohort = new Cohort
        {
            CourseId = course.Id,
            Name = "รุ่นที่ 1/2569",
            Capacity = 60,
            Status = CohortStatus.Open,
            Province = "มหาสารคาม",
            StartDate = new DateOnly(2026, 6, 1),
            EndDate = new DateOnly(2026, 8, 1),
            Venue = "มหาวิทยาลัยมหาสารคาม",
            Sessions = Enumerable.Range(0, 6).Select(i => new TrainingSession
            {
                Date = new DateOnly(2026, 6, 1).AddDays(7 * i),
                StartTime = new TimeOnly(9, 0),
                EndTime = new TimeOnly(16, 0),
                Topic = $"ครั้งที่ {i + 1}",
            }).ToList(),
        };
        db.Cohorts.Add(cohort);
        var trainees = Enumerable.Range(1, 40).Select(i => new Trainee
        {
            Title = i % 2 == 0 ? "นาง" : "นาย",
            FirstName = $"สมชาย{i:D3}",
            LastName = "ใจดีมาก",
            NationalId = NationalId.WithCheckDigit("1" + (90_000_000_000L + i).ToString("D11", CultureInfo.InvariantCulture)),
            Province = "มหาสารคาม",
            CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Trainees.AddRange(trainees);
        await db.SaveChangesAsync();
        var commands = new TrainingCommands(db);
        var enrollments = new List<long>();
        foreach (var t in trainees) enrollments.Add((await commands.EnrollAsync(cohort.Id, t.Id, DateTime.UtcNow)).EnrollmentId);
        return new Setup(foundation.Id, partner.Id, cohort.Sessions.Select(s => s.Id).ToList(), enrollments, trainees.Select(t => t.Id).ToList());
    }

    /// <summary>The production path for the first account: the portal's own `create-admin` verb.</summary>
    private static async Task CreateAdminAsync(string cs)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PartnerPrograms.Web.dll"), "create-admin", "--email", AdminEmail])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.Combine(PortalProcess.RepositoryRoot(), "Web"),
        };
        psi.Environment["ConnectionStrings__Default"] = cs;
        psi.Environment["ADMIN_PASSWORD"] = AdminPassword;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["Pdpa__NationalIdKeys__1"] = TestKeys.NationalIdKey1;
        psi.Environment["Pdpa__CurrentKeyId"] = "1";
        psi.Environment["Pdpa__LookupKey"] = TestKeys.LookupKey;
        psi.Environment["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey;
        psi.Environment["Jobs__Server"] = "false";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException("create-admin failed: " + output);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        var r = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
        r.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>An MOU (through the API) with one item and <paramref name="count"/> actions; returns the action ids.</summary>
    private static async Task<(long MouId, List<long> Actions)> CreateMouActionsAsync(HttpClient http, Setup setup, int count)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<long> PostAsync(string url, object body)
        {
            var r = await http.PostAsJsonAsync(url, body);
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }
        var mou = await PostAsync("/api/v1/mous", new
        {
            code = "MOU-SOAK-001",
            title = "ความร่วมมือพัฒนาอาชีพชุมชน (ยืนระยะ)",
            startDate = today,
            endDate = today.AddYears(2),
            parties = new[] { new { organizationId = setup.FoundationId, signatoryName = "นายสมชาย ใจดี" }, new { organizationId = setup.PartnerId, signatoryName = "นางสาวญาณี ปิ่นแก้วฟ้า" } },
        });
        var item = await PostAsync($"/api/v1/mous/{mou}/items", new { title = "ฝึกอบรมการขายออนไลน์" });
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
            ids.Add(await PostAsync($"/api/v1/mous/{mou}/actions", new
            {
                itemId = item,
                title = $"กิจกรรมที่ {i + 1}",
                responsibleOrganizationId = setup.PartnerId,
                dueDate = today.AddDays(30 + i),
            }));
        return (mou, ids);
    }
}
