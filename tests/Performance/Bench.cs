using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Performance;

public sealed record BenchOptions(string? DataDir, string? Connection, double Seconds, string Clients, string? Out, string? Only, string? WebDll);

/// <summary>What the benchmark drives: the same question asked of the portal and of the reference server.</summary>
public sealed record Scenario(string Name, string Kind, Func<HttpRequestMessage>? Portal, Func<HttpRequestMessage>? Reference, int[] Ok)
{
    public bool Available { get; set; } = true;
}

public sealed record Measurement(string Scenario, string Server, int Clients, int Requests, int Errors, double Seconds, double P50, double P95, double P99, double DbCommands)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Starts the portal (Release build, a separate process) and the reference server (this tool, verb "reference", a
/// separate process) on the generated database, drives each scenario at each client count with a plain HttpClient
/// closed loop, and prints/writes the table.
/// </summary>
public static partial class Bench
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        EmbeddedPostgres? server = null;
        var cs = o.Connection;
        if (cs is null)
        {
            server = await EmbeddedPostgres.StartAsync(o.DataDir ?? Path.Combine(Path.GetTempPath(), "pp-national"), "national");
            cs = server.ConnectionString("national");
        }
        var processes = new List<Process>();
        try
        {
            var f = await Fixtures.LoadAsync(cs);
            var root = RepoRoot();
            var webDll = o.WebDll ?? Path.Combine(root, "Web", "bin", "Release", "net10.0", "PartnerPrograms.Web.dll");
            if (!File.Exists(webDll)) { Console.Error.WriteLine($"{webDll} not found: run `dotnet build -c Release` first."); return 2; }
            var portalPort = FreePort();
            var portal = Start("dotnet", [webDll, "--urls", $"http://127.0.0.1:{portalPort}"], new()
            {
                ["ConnectionStrings__Default"] = cs,
                ["Demo__Seed"] = "false",
                ["Jobs__Server"] = "false",
                ["RateLimits__SignInPerMinute"] = "1000000",
                ["RateLimits__PublicPerMinute"] = "1000000",
                ["Diagnostics__CountQueries"] = "true",
                // "Testing" runs as Production does over http but accepts the public test keys, which Production
                // refuses: the generator encrypted the national IDs with these (tests/Shared/TestKeys.cs).
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
                ["Pdpa__NationalIdKeys__1"] = TestKeys.NationalIdKey1,
                ["Pdpa__CurrentKeyId"] = "1",
                ["Pdpa__LookupKey"] = TestKeys.LookupKey,
                ["Mail__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "pp-bench-mail"),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            }, Path.Combine(root, "Web"));
            processes.Add(portal);
            var refPort = FreePort();
            var reference = Start("dotnet", [typeof(Bench).Assembly.Location, "reference", "--connection", cs, "--port", refPort.ToString(CultureInfo.InvariantCulture)], [], null);
            processes.Add(reference);
            var portalUri = new Uri($"http://127.0.0.1:{portalPort}");
            var refUri = new Uri($"http://127.0.0.1:{refPort}");
            await WaitUntilUpAsync(portalUri, portal);
            await WaitUntilUpAsync(refUri, reference);

            var s = await SessionsAsync(portalUri, f);
            var scenarios = Scenarios(portalUri, refUri, f, s);
            foreach (var sc in scenarios.Where(x => x.Kind == "report"))
            {
                using var probe = Client();
                using var res = await probe.SendAsync(sc.Portal!());
                if (res.StatusCode == HttpStatusCode.NotFound) sc.Available = false;
            }
            if (o.Only is { } only) scenarios = scenarios.Where(x => only.Split(',').Any(n => x.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
            var clients = o.Clients.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();

            var memory = new MemorySampler(portal.Id);
            var refMemory = new MemorySampler(reference.Id);
            var results = new List<Measurement>();
            var loads = new List<double>();
            foreach (var sc in scenarios)
            {
                if (!sc.Available) { Console.WriteLine($"{sc.Name,-34} not available (404 on this branch)"); continue; }
                foreach (var (srv, make) in new[] { ("portal", sc.Portal), ("reference", sc.Reference) })
                {
                    if (make is null) continue;
                    await DriveAsync(make, sc.Ok, 2, TimeSpan.FromSeconds(1)); // warm-up: JIT, plans, pools
                    foreach (var c in clients)
                    {
                        var m = await DriveAsync(make, sc.Ok, c, TimeSpan.FromSeconds(o.Seconds));
                        var r = m with { Scenario = sc.Name, Server = srv };
                        results.Add(r);
                        loads.Add(LoadAverage());
                        Console.WriteLine($"{sc.Name,-34} {srv,-9} c={c,-3} {r.PerSecond,8:F1} req/s  p50 {r.P50,7:F1}  p95 {r.P95,7:F1}  p99 {r.P99,7:F1} ms  errors {r.Errors}  db {r.DbCommands:F1}  load {loads[^1]:F1}");
                    }
                }
            }
            var table = Table(scenarios, results, clients, memory.PeakMiB, memory.HwmMiB(), refMemory.HwmMiB(), loads);
            Console.WriteLine();
            Console.WriteLine(table);
            if (o.Out is { } path) await File.WriteAllTextAsync(path, table);
            return 0;
        }
        finally
        {
            foreach (var p in processes) { try { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); } catch (InvalidOperationException) { } }
            if (server is not null) await server.StopAsync();
        }
    }

    // ---------------------------------------------------------------- what is asked
    /// <summary>The staff cookie as a browser would keep it: Identity re-issues it (security stamp check every minute,
    /// sliding expiry) and a client that kept sending the old one would be re-validated on every request.</summary>
    private static string _staffCookie = "";

    private static void KeepCookie(HttpResponseMessage res)
    {
        if (!res.Headers.TryGetValues("Set-Cookie", out var set)) return;
        foreach (var c in set)
            if (c.StartsWith("pp.auth=", StringComparison.Ordinal))
            {
                var fresh = c.Split(';')[0];
                var current = _staffCookie;
                _staffCookie = string.Join("; ", current.Split("; ").Select(p => p.StartsWith("pp.auth=", StringComparison.Ordinal) ? fresh : p));
            }
    }

    private sealed record Session(string StaffCookie, string StaffToken, string StaffAntiforgery, string PartnerToken, string AnonCookie, string AnonAntiforgery);

    private static List<Scenario> Scenarios(Uri portal, Uri reference, Fixtures f, Session s)
    {
        HttpRequestMessage Get(Uri b, string path, string? cookie = null, string? bearer = null)
        {
            var m = new HttpRequestMessage(HttpMethod.Get, new Uri(b, path));
            if (cookie is not null) m.Headers.Add("Cookie", cookie);
            if (bearer is not null) m.Headers.Add("Authorization", "Bearer " + bearer);
            return m;
        }
        HttpRequestMessage Form(Uri b, string path, string? cookie, Dictionary<string, string> fields)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, new Uri(b, path)) { Content = new FormUrlEncodedContent(fields) };
            if (cookie is not null) m.Headers.Add("Cookie", cookie);
            return m;
        }
        var marks = "[" + string.Join(",", f.RosterEnrollments.Select((e, i) => $"{{\"enrollmentId\":{e},\"status\":\"{(i % 10 == 0 ? "absent" : "present")}\"}}")) + "]";
        HttpRequestMessage Put(Uri b, string path, string? bearer)
        {
            var m = new HttpRequestMessage(HttpMethod.Put, new Uri(b, path)) { Content = new StringContent(marks, Encoding.UTF8, "application/json") };
            if (bearer is not null) m.Headers.Add("Authorization", "Bearer " + bearer);
            return m;
        }
        var q = Uri.EscapeDataString(f.NameQuery);
        _staffCookie = s.StaffCookie;
        var counter = 0;
        string NextCode() => f.VerifyCodes[Interlocked.Increment(ref counter) % f.VerifyCodes.Count];
        var year = f.ReportYear;
        return
        [
            new("sign-in (password check)", "page",
                () => Form(portal, "/Account/Login", s.AnonCookie, new() { ["Input.Email"] = "staff@bench.example", ["Input.Password"] = Generator.Password, ["__RequestVerificationToken"] = s.AnonAntiforgery }),
                () => Form(reference, "/signin", null, new() { ["email"] = "staff@bench.example", ["password"] = Generator.Password }), [302]),
            new("staff home /", "page", () => Get(portal, "/", _staffCookie), () => Get(reference, "/"), [200]),
            new("trainee search by name", "list", () => Get(portal, "/Trainees?q=" + q, _staffCookie), () => Get(reference, "/trainees?q=" + q), [200]),
            new("trainee by national ID (POST)", "list",
                () => Form(portal, "/Trainees", _staffCookie, new() { ["Q"] = f.NationalId, ["__RequestVerificationToken"] = s.StaffAntiforgery }),
                () => Form(reference, "/trainees/by-id", null, new() { ["q"] = f.NationalId }), [302]),
            new("cohort roster (500)", "list", () => Get(portal, $"/Training/Cohorts/Details?id={f.RosterCohort}", _staffCookie), () => Get(reference, $"/roster/{f.RosterCohort}"), [200]),
            new("take attendance (PUT 500 marks)", "write", () => Put(portal, $"/api/v1/sessions/{f.RosterSession}/attendance", s.StaffToken), () => Put(reference, $"/attendance/{f.RosterSession}", null), [204]),
            new("MOU list", "list", () => Get(portal, "/Mous", _staffCookie), () => Get(reference, "/mous"), [200]),
            new("partner's actions, overdue first", "list", () => Get(portal, "/api/v1/actions/mine", bearer: s.PartnerToken), () => Get(reference, $"/actions/{f.PartnerOrganization}"), [200]),
            new("communities by group + province", "list", () => Get(portal, $"/Communities?category=C&province={f.ProvinceCode}", _staffCookie), () => Get(reference, $"/communities?category=C&province={f.ProvinceId}"), [200]),
            new("certificate verification", "page", () => Get(portal, "/verify/" + NextCode()), () => Get(reference, "/verify/" + NextCode()), [200]),
            new("certificate PDF", "page", () => Get(portal, $"/api/v1/certificates/{f.PdfCode}/pdf", bearer: s.StaffToken), () => Get(reference, "/pdf/" + f.PdfCode), [200]),
            new("programme report page", "report", () => Get(portal, $"/Reports/Programme?year={year}", _staffCookie), () => Get(reference, $"/report?year={year}"), [200]),
            new("report summary API", "report", () => Get(portal, $"/api/v1/reports/summary?year={year}", bearer: s.StaffToken), () => Get(reference, $"/report?year={year}"), [200]),
            new("programme.xlsx", "report", () => Get(portal, $"/api/v1/reports/programme.xlsx?year={year}", bearer: s.StaffToken), null, [200]),
        ];
    }

    private static async Task<Session> SessionsAsync(Uri portal, Fixtures f)
    {
        // Staff: a real cookie sign-in with the antiforgery token, then a page's token for the search form.
        var (staffCookie, _) = await SignInAsync(portal, "staff@bench.example");
        var jar = new CookieContainer();
        foreach (var part in staffCookie.Split("; ")) jar.SetCookies(portal, part);
        using var staff = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = portal };
        var traineesPage = await staff.GetStringAsync("/Trainees");
        var staffToken = Antiforgery(traineesPage);
        var anon = new CookieContainer();
        using var anonClient = new HttpClient(new HttpClientHandler { CookieContainer = anon, AllowAutoRedirect = false }) { BaseAddress = portal };
        var login = await anonClient.GetStringAsync("/Account/Login");
        return new Session(jar.GetCookieHeader(portal), await TokenAsync(portal, "staff@bench.example"), staffToken,
            await TokenAsync(portal, $"partner{f.PartnerOrganization}@bench.example"), anon.GetCookieHeader(portal), Antiforgery(login));
    }

    private static async Task<(string Cookie, string Token)> SignInAsync(Uri portal, string email)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = portal };
        var token = Antiforgery(await http.GetStringAsync("/Account/Login"));
        using var res = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["Input.Email"] = email, ["Input.Password"] = Generator.Password, ["__RequestVerificationToken"] = token }));
        if (res.StatusCode != HttpStatusCode.Redirect || !jar.GetCookieHeader(portal).Contains("pp.auth", StringComparison.Ordinal))
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)res.StatusCode}");
        return (jar.GetCookieHeader(portal), token);
    }

    private static async Task<string> TokenAsync(Uri portal, string email)
    {
        using var http = new HttpClient { BaseAddress = portal };
        using var res = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Generator.Password, name = "bench" });
        res.EnsureSuccessStatusCode();
        var body = await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    private static string Antiforgery(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    // ---------------------------------------------------------------- driving
    private static readonly HttpClient Shared = Client();

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Measurement> DriveAsync(Func<HttpRequestMessage> make, int[] ok, int clients, TimeSpan duration)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        long dbCommands = 0, dbCounted = 0;
        var sw = Stopwatch.StartNew();
        var end = sw.Elapsed + duration;
        var firstError = (string?)null;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = latencies[i] = [];
            while (sw.Elapsed < end)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var req = make();
                    using var res = await Shared.SendAsync(req, HttpCompletionOption.ResponseContentRead);
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    KeepCookie(res);
                    if (!ok.Contains((int)res.StatusCode)) { Interlocked.Increment(ref errors); firstError ??= $"{(int)res.StatusCode} {req.RequestUri}"; }
                    if (res.Headers.TryGetValues("X-Db-Commands", out var v) && int.TryParse(v.First(), out var n))
                    {
                        Interlocked.Add(ref dbCommands, n);
                        Interlocked.Increment(ref dbCounted);
                    }
                }
                catch (HttpRequestException e) { Interlocked.Increment(ref errors); firstError ??= e.Message; }
                catch (TaskCanceledException) { Interlocked.Increment(ref errors); firstError ??= "timeout"; }
            }
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        if (firstError is not null) Console.WriteLine($"  first error: {firstError}");
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new Measurement("", "", clients, all.Length, errors, elapsed, P(0.50), P(0.95), P(0.99), dbCounted == 0 ? double.NaN : (double)dbCommands / dbCounted);
    }

    // ---------------------------------------------------------------- output
    private static string Table(List<Scenario> scenarios, List<Measurement> results, int[] clients, double portalPeakRss, double portalHwm, double refHwm, List<double> loads)
    {
        var sb = new StringBuilder();
        var cores = Environment.ProcessorCount;
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {cores} cores; load average during the run {loads.DefaultIfEmpty().Min():F1}–{loads.DefaultIfEmpty().Max():F1} (the driver, the portal, the reference and PostgreSQL share these cores; more than about 8 means other work ran too).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Portal process memory: peak RSS sampled {portalPeakRss:F0} MiB, VmHWM {portalHwm:F0} MiB (target < 1024). Reference process VmHWM {refHwm:F0} MiB.");
        sb.AppendLine();
        sb.AppendLine("| endpoint | clients | portal req/s | p50 ms | p95 ms | p99 ms | reference req/s | ref p95 ms | ratio | db round trips | errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var sc in scenarios)
        {
            if (!sc.Available) { sb.AppendLine(CultureInfo.InvariantCulture, $"| {sc.Name} | – | not available (404 on this branch) | | | | | | | | |"); continue; }
            foreach (var c in clients)
            {
                var p = results.FirstOrDefault(r => r.Scenario == sc.Name && r.Server == "portal" && r.Clients == c);
                var r = results.FirstOrDefault(x => x.Scenario == sc.Name && x.Server == "reference" && x.Clients == c);
                if (p is null) continue;
                var ratio = r is null ? "–" : (p.PerSecond / r.PerSecond).ToString("F2", CultureInfo.InvariantCulture);
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {sc.Name} | {c} | {p.PerSecond:F1} | {p.P50:F1} | {p.P95:F1} | {p.P99:F1} | {(r is null ? "–" : r.PerSecond.ToString("F1", CultureInfo.InvariantCulture))} | {(r is null ? "–" : r.P95.ToString("F1", CultureInfo.InvariantCulture))} | {ratio} | {(double.IsNaN(p.DbCommands) ? "–" : p.DbCommands.ToString("0.#", CultureInfo.InvariantCulture))} | {p.Errors} |");
            }
        }
        return sb.ToString();
    }

    // ---------------------------------------------------------------- processes
    private static Process Start(string file, string[] args, Dictionary<string, string> env, string? workDir)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        if (workDir is not null) psi.WorkingDirectory = workDir;
        var p = Process.Start(psi)!;
        var log = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is { } d) lock (log) if (log.Length < 20_000) log.AppendLine(d); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } d) { lock (log) if (log.Length < 20_000) log.AppendLine(d); } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        Logs[p.Id] = log;
        return p;
    }

    private static readonly Dictionary<int, StringBuilder> Logs = [];

    private static async Task WaitUntilUpAsync(Uri uri, Process p)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (p.HasExited) throw new InvalidOperationException($"{uri} exited ({p.ExitCode}):\n{Logs[p.Id]}");
            try { using var r = await http.GetAsync(new Uri(uri, "/health")); if (r.IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{uri} did not answer /health:\n{Logs[p.Id]}");
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "PartnerPrograms.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    private static double LoadAverage() =>
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}

/// <summary>Samples a process's resident memory (VmRSS) every 200 ms and reads its high-water mark (VmHWM).</summary>
public sealed class MemorySampler
{
    private readonly int _pid;
    public double PeakMiB { get; private set; }

    public MemorySampler(int pid)
    {
        _pid = pid;
        _ = Task.Run(async () =>
        {
            while (Read("VmRSS") is { } rss) { PeakMiB = Math.Max(PeakMiB, rss); await Task.Delay(200); }
        });
    }

    public double HwmMiB() => Read("VmHWM") ?? PeakMiB;

    private double? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException) { }
        return null;
    }
}

/// <summary>Rows of the generated database the scenarios ask about.</summary>
public sealed record Fixtures(long RosterCohort, long RosterSession, List<long> RosterEnrollments, string NameQuery, string NationalId, long PartnerOrganization,
    string ProvinceCode, int ProvinceId, List<string> VerifyCodes, string PdfCode, int ReportYear)
{
    public static async Task<Fixtures> LoadAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        async Task<T> One<T>(string sql) { await using var c = new NpgsqlCommand(sql, conn); return (T)(await c.ExecuteScalarAsync())!; }
        // Every run starts from the same physical state: the attendance scenario rewrites cohort 1's 500 marks thousands of
        // times, and until autovacuum gets to them the next run's roster (portal and reference alike) reads the dead versions.
        await using (var vacuum = new NpgsqlCommand("vacuum (analyze) attendance, enrollments", conn) { CommandTimeout = 600 })
            await vacuum.ExecuteNonQueryAsync();
        var session = await One<long>("select id from training_sessions where cohort_id = 1 order by date limit 1");
        var enrollments = new List<long>();
        await using (var c = new NpgsqlCommand("select id from enrollments where cohort_id = 1 and status = 'Enrolled' order by id", conn))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) enrollments.Add(r.GetInt64(0));
        var codes = new List<string>();
        await using (var c = new NpgsqlCommand("select code from certificates where id % 997 = 1 limit 200", conn))
        await using (var r = await c.ExecuteReaderAsync())
            while (await r.ReadAsync()) codes.Add(r.GetString(0));
        var trainees = await One<long>("select max(id) from trainees");
        return new Fixtures(1, session, enrollments, "ญาณี ปิ่นแก้วฟ้า", Generator.NationalIdFor(Math.Min(12_345, trainees)), 2,
            "50", await One<int>("select id from provinces where code = '50'"), codes, await One<string>("select code from certificates where pdf is not null order by id limit 1"),
            DateTime.UtcNow.Year);
    }
}
