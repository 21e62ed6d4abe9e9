using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Web.Pages.Trainees;
using PartnerPrograms.Web.Pages.Training;

namespace PartnerPrograms.Performance;

/// <summary>
/// The target "10,000-row trainee import under 5 seconds", on a throwaway PostgreSQL that already holds
/// <c>--existing</c> trainees (written by COPY as the generator writes them). The file has the page's format (Thai
/// headers, Buddhist-era dates); <c>--matching</c> % of its rows are people already registered (matched, not
/// overwritten, as the page does) and 1 % are bad rows (wrong check digit). Preview and confirm are timed through
/// <see cref="TraineeImporter"/>, the service the page calls, each in its own scope as a request would be.
/// </summary>
public static class ImportBenchmark
{
    private const string Header = "คำนำหน้า,ชื่อ,นามสกุล,เลขประจำตัวประชาชน,วันเกิด,โทรศัพท์,อีเมล,จังหวัด,ชุมชน/กลุ่ม,ยินยอม";

    public static async Task RunAsync(int existing, int rows, int matchingPercent, int repeat)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pp-import-" + Guid.NewGuid().ToString("N")[..8]);
        var server = await EmbeddedPostgres.StartAsync(dir, "bench");
        try
        {
            var cs = server.ConnectionString("bench");
            await Migrator.MigrateAsync(cs);
            var userId = Guid.NewGuid();
            var fill = Stopwatch.StartNew();
            await FillAsync(cs, existing, userId);
            Console.WriteLine($"existing trainees={existing:N0} filled in {fill.Elapsed.TotalSeconds:F1} s (COPY + ANALYZE)");

            var services = new ServiceCollection().AddLogging(l => { l.SetMinimumLevel(LogLevel.Warning); if (Environment.GetEnvironmentVariable("PP_SQL") == "1") l.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information).AddSimpleConsole(); })
                .AddSingleton(Generator.Protector)
                .AddDbContext<AppDbContext>(o => o.UseNpgsql(cs, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                    .UseNationalIdProtection(Generator.Protector))
                .AddSingleton(TimeProvider.System).AddScoped<TrainingCommands>().AddScoped<TraineeImporter>();
            await using var provider = services.BuildServiceProvider();

            // Warm-up (a running portal has its code jitted and its pool open): a small file of other people.
            await ImportAsync(provider, userId, File(existing, 200, 0, 90_000_000_000L), "warm-up", server.DataDirectory);

            // Each run a new file: other new people, the same share of registered ones (matched again, not changed).
            var file = File(existing, rows, matchingPercent, existing + 1);
            Console.WriteLine($"file: {rows:N0} rows, {file.Bytes.Length / 1024.0 / 1024.0:F1} MB CSV: {file.New:N0} new, {file.Matched:N0} already registered (matched), {file.Bad:N0} bad; {repeat} run(s)");
            // Wall-clock seconds move with the other users of a shared machine; CPU seconds (this process + the PostgreSQL
            // server's processes) much less, so both are printed.
            Console.WriteLine("| run | preview: check + store s | preview: load s | preview s | preview rows/s | confirm s | confirm rows/s | preview + confirm s | CPU s preview (app + db) | CPU s confirm (app + db) | load average |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            var runs = new List<Timings>();
            for (var r = 0; r < repeat; r++)
            {
                if (r > 0) file = File(existing, rows, matchingPercent, existing + 1 + (long)r * (rows + 1));
                var t = await ImportAsync(provider, userId, file, "run " + (r + 1), server.DataDirectory);
                runs.Add(t);
                Print((r + 1).ToString(CultureInfo.InvariantCulture), rows, t, GetLoad());
            }
            if (repeat > 1)
            {
                static TimeSpan Median(IEnumerable<TimeSpan> xs) { var l = xs.Order().ToList(); return l[l.Count / 2]; }
                Print("median of each column", rows, new Timings(Median(runs.Select(x => x.Check)), Median(runs.Select(x => x.Preview)), Median(runs.Select(x => x.Confirm)),
                    Median(runs.Select(x => x.PreviewApp)), Median(runs.Select(x => x.PreviewDb)), Median(runs.Select(x => x.ConfirmApp)), Median(runs.Select(x => x.ConfirmDb))), "");
            }

            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            // The importer's duplicate lookup (TraineeImporter.IdsByHashAsync), for every ID of the file at once, as
            // PostgreSQL runs it (after the import, so all of them are found).
            await using (var explain = new NpgsqlCommand("explain (analyze, buffers, costs off) select t.id, t.national_id_hash from unnest(@hashes) as h(hash) cross join lateral (select id, national_id_hash from trainees where national_id_hash = h.hash limit 1) as t", conn))
            {
                explain.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea)
                { Value = file.Ids.Where(d => NationalId.TryParse(d, out _)).Select(Generator.Protector.Hash).ToArray() });
                Console.WriteLine("lookup of the file's IDs:");
                await using var plan = await explain.ExecuteReaderAsync();
                while (await plan.ReadAsync())
                    if (plan.GetString(0) is var line && !line.TrimStart().StartsWith("Filter:", StringComparison.Ordinal) && !line.TrimStart().StartsWith("Index Cond:", StringComparison.Ordinal))
                        Console.WriteLine("  " + line);
            }
            await using var count = new NpgsqlCommand("select count(*) from trainees", conn);
            Console.WriteLine($"trainees now {(long)(await count.ExecuteScalarAsync())!:N0}");
        }
        finally
        {
            await server.StopAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private sealed record Timings(TimeSpan Check, TimeSpan Preview, TimeSpan Confirm, TimeSpan PreviewApp, TimeSpan PreviewDb, TimeSpan ConfirmApp, TimeSpan ConfirmDb);

    private static void Print(string run, int rows, Timings t, string load) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {t.Check.TotalSeconds:F2} | {(t.Preview - t.Check).TotalSeconds:F2} | {t.Preview.TotalSeconds:F2} | {rows / t.Preview.TotalSeconds:N0} | {t.Confirm.TotalSeconds:F2} | {rows / t.Confirm.TotalSeconds:N0} | {(t.Preview + t.Confirm).TotalSeconds:F2} | {t.PreviewApp.TotalSeconds:F2} + {t.PreviewDb.TotalSeconds:F2} | {t.ConfirmApp.TotalSeconds:F2} + {t.ConfirmDb.TotalSeconds:F2} | {load} |"));

    private static TimeSpan AppCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>CPU time of the PostgreSQL server: the postmaster and its children (backends, writers), from /proc
    /// (utime + stime, fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    private static TimeSpan DbCpu(string dataDirectory)
    {
        try
        {
            var postmaster = int.Parse(System.IO.File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                string stat;
                try { stat = System.IO.File.ReadAllText(Path.Combine(dir, "stat")); }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // [0] state, [1] ppid, [11] utime, [12] stime
                if (pid == postmaster || fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException) { return TimeSpan.Zero; }
    }

    private static async Task<Timings> ImportAsync(ServiceProvider provider, Guid userId, (byte[] Bytes, int New, int Matched, int Bad, List<string> Ids) file, string label, string dataDirectory)
    {
        var (app0, db0) = (AppCpu(), DbCpu(dataDirectory));
        var sw = Stopwatch.StartNew();
        Guid id;
        await using (var scope = provider.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<TraineeImporter>().PreviewAsync(file.Bytes, "bench.csv", userId);
            id = result.ImportId ?? throw new InvalidOperationException("preview refused the file: " + result.FileProblem + " " + string.Join(", ", result.FileProblemArgs));
        }
        var check = sw.Elapsed;
        List<ImportedRow> loaded;
        await using (var scope = provider.CreateAsyncScope())
        {
            // What the preview page's GET does before it renders: load the stored rows.
            loaded = (await scope.ServiceProvider.GetRequiredService<TraineeImporter>().LoadAsync(id, userId))!.Value.Rows;
        }
        var preview = sw.Elapsed;
        var (app1, db1) = (AppCpu(), DbCpu(dataDirectory));
        var shownNew = loaded.Count(r => r.IsValid && r.ExistingTraineeId is null);
        var shownMatched = loaded.Count(r => r.IsValid && r.ExistingTraineeId is not null);
        var shownBad = loaded.Count(r => !r.IsValid);
        sw.Restart();
        TraineeImporter.CommitResult commit;
        await using (var scope = provider.CreateAsyncScope())
        {
            commit = (await scope.ServiceProvider.GetRequiredService<TraineeImporter>().CommitAsync(id, userId, "Bench Staff", null))!;
        }
        var confirm = sw.Elapsed;
        var (app2, db2) = (AppCpu(), DbCpu(dataDirectory));
        if (shownNew != file.New || shownMatched != file.Matched || shownBad != file.Bad || commit.Created != file.New || commit.Matched != file.Matched || commit.Skipped != file.Bad)
            throw new InvalidOperationException($"{label}: expected new/matched/bad {file.New}/{file.Matched}/{file.Bad}, preview showed {shownNew}/{shownMatched}/{shownBad}, confirm did {commit.Created}/{commit.Matched}/{commit.Skipped}");
        return new Timings(check, preview, confirm, app1 - app0, db1 - db0, app2 - app1, db2 - db1);
    }

    /// <summary>The rows as a user's CSV: matched rows reuse existing people's IDs (spread over the table), new rows
    /// take IDs past the existing ones; every 100th row has a wrong check digit.</summary>
    private static (byte[] Bytes, int New, int Matched, int Bad, List<string> Ids) File(int existing, int rows, int matchingPercent, long firstNewIndex)
    {
        var provinces = ThaiProvinces.All;
        var sb = new StringBuilder(Header).Append("\r\n");
        int fresh = 0, matched = 0, bad = 0;
        var ids = new List<string>(rows);
        var rng = new Random(7);
        for (var i = 0; i < rows; i++)
        {
            string id;
            if (i % 100 == 99)
            {
                var good = Generator.NationalIdFor(firstNewIndex + i);
                id = good[..12] + (char)('0' + (good[12] - '0' + 1) % 10);
                bad++;
            }
            else if (matched < existing && rng.Next(100) < matchingPercent)
            {
                // Existing people spread over the table, each at most once (the same ID twice in a file is a bad row).
                id = Generator.NationalIdFor(1 + (long)matched * Math.Max(1, existing / Math.Max(1, rows)));
                matched++;
            }
            else { id = Generator.NationalIdFor(firstNewIndex + i); fresh++; }
            ids.Add(id);
            var p = provinces[i % provinces.Count];
            var birth = new DateOnly(1950, 1, 1).AddDays(i * 37 % (365 * 55));
            sb.Append(CultureInfo.InvariantCulture, $"นาง,สมศรี{i},ทองประเสริฐ,{id},{birth.Day:00}/{birth.Month:00}/{birth.Year + 543},08{10_000_000 + i},")
              .Append(i % 3 == 0 ? $"t{i}@mail.example" : "")
              .Append(CultureInfo.InvariantCulture, $",{p.NameTh},กลุ่มวิสาหกิจชุมชนผ้าทอมือ {p.NameTh},ใช่\r\n");
        }
        return (Encoding.UTF8.GetBytes(sb.ToString()), fresh, matched, bad, ids);
    }

    /// <summary>Existing trainees 1 … N by binary COPY, national IDs sealed as the portal seals them; a staff user.</summary>
    private static async Task FillAsync(string cs, int count, Guid userId)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using (var user = new NpgsqlCommand("""
            insert into users (id, display_name, role, preferred_language, is_disabled, created_at, user_name, normalized_user_name,
              email, normalized_email, email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
              lockout_enabled, access_failed_count)
            values (@id, 'Bench Staff', 'Staff', 'th', false, now(), 'staff@bench.example', 'STAFF@BENCH.EXAMPLE', 'staff@bench.example',
              'STAFF@BENCH.EXAMPLE', true, 'S', 'S', false, false, true, 0)
            """, conn))
        {
            user.Parameters.AddWithValue("id", userId);
            await user.ExecuteNonQueryAsync();
        }
        var provinces = ThaiProvinces.All;
        var rng = new Random(42);
        var now = DateTime.UtcNow;
        using (var progress = new Progress("existing trainees", count))
        await using (var w = await conn.BeginBinaryImportAsync(Generator.TraineeCopy))
        {
            for (long id = 1; id <= count; id++)
            {
                var prov = provinces[rng.Next(provinces.Count)].NameTh;
                var created = now.AddDays(-rng.Next(5 * 365));
                await Generator.WriteTraineeAsync(w, new Generator.TraineeRow(id, "นาย", "สมชาย" + id.ToString(CultureInfo.InvariantCulture), "แสงประเสริฐ",
                    Generator.NationalIdFor(id), new DateOnly(1950, 1, 1).AddDays(rng.Next(365 * 55)), "0812345678", null, prov, "กลุ่มอาชีพ " + prov, created, created));
                progress.Tick();
            }
            await w.CompleteAsync();
        }
        await using (var seq = new NpgsqlCommand("select setval(pg_get_serial_sequence('trainees', 'id'), greatest((select max(id) from trainees), 1)); analyze trainees;", conn) { CommandTimeout = 0 })
            await seq.ExecuteNonQueryAsync();
    }

    private static string GetLoad()
    {
        try { return string.Join(" ", System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
