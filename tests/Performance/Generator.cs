using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Communities;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Performance;

/// <summary>
/// Fills an empty, migrated database with national-scale Thai data by binary COPY, deterministic from the seed (and
/// today's date, which decides what is overdue, running or completed). Scale 1.0: 1,000,000 trainees, 80,000
/// communities, 10,000 MOUs with 200,000 actions, 500 organisations, 20,000 cohorts, ~500,000 certificates.
/// Fixed rows the benchmark relies on: organisation 1 is the foundation (lead on every MOU), cohort 1 is running with
/// 500 enrolments, organisations 2–4 have partner users, and the users in <see cref="Users"/> sign in with
/// <see cref="Password"/>.
/// </summary>
public sealed class Generator(NpgsqlConnection conn, double scale, int seed)
{
    public const string Password = "Bench-Passw0rd";
    public static readonly (string Email, string Role, long? Org)[] Users =
    [
        ("admin@bench.example", Roles.Admin, null), ("staff@bench.example", Roles.Staff, null),
        ("partner2@bench.example", Roles.Partner, 2), ("partner3@bench.example", Roles.Partner, 3), ("partner4@bench.example", Roles.Partner, 4),
    ];
    public const int RosterCohortSize = 500;

    private readonly Random _rng = new(seed);
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    private readonly DateTime _now = DateTime.UtcNow;
    private int N(int full, int min = 1) => Math.Max(min, (int)Math.Round(full * scale));

    // ---- Thai names (common given names and surnames built from frequent surname parts).
    private static readonly string[] MaleFirst = ["สมชาย", "สมศักดิ์", "ประเสริฐ", "วิชัย", "สุรชัย", "อนุชา", "ธนพล", "กิตติพงษ์", "ณัฐวุฒิ", "ศุภชัย", "ชัยวัฒน์", "บุญมี", "สมบัติ", "ประยุทธ", "วีระพงษ์", "อภิชาติ", "จักรพันธ์", "ธีรวัฒน์", "พงศกร", "สุทธิพงษ์", "เอกชัย", "ปิยะ", "วรวุฒิ", "อำนาจ", "สมพงษ์", "ทองดี", "มานพ", "ไพโรจน์", "เกรียงไกร", "นพดล"];
    private static readonly string[] FemaleFirst = ["สมศรี", "มาลี", "ญาณี", "สุนิสา", "วิไลวรรณ", "กาญจนา", "พรทิพย์", "นงลักษณ์", "อรุณี", "สุภาพร", "ปราณี", "รัตนา", "จันทร์เพ็ญ", "ศิริพร", "ณัฐธิดา", "กมลวรรณ", "ปิยะนุช", "อัญชลี", "เพ็ญศรี", "บุญเรือน", "ทองใบ", "สายสุนีย์", "วันเพ็ญ", "ดวงใจ", "พิมพ์ชนก", "ชลธิชา", "อรทัย", "นภาพร", "ลำดวน", "บัวผัน"];
    private static readonly string[] SurnameA = ["แสง", "ทอง", "ศรี", "บุญ", "แก้ว", "สุข", "ใจ", "มั่น", "พร", "ชัย", "ปิ่น", "รัตน", "วงศ์", "จันทร์", "เพชร", "สมบูรณ์", "ศักดิ์", "คำ", "เงิน", "ทิพย์"];
    private static readonly string[] SurnameB = ["ประเสริฐ", "ดี", "สวัสดิ์", "มณี", "สุวรรณ", "แก้วฟ้า", "เจริญ", "รุ่งเรือง", "ไพศาล", "วิเศษ", "ศรีสุข", "ทองคำ", "พิทักษ์", "อุดม", "บุญมา", "นาค", "ภักดี", "พันธ์", "สกุล", "วงศ์ไทย"];
    private static readonly string[] Groups = ["กลุ่มวิสาหกิจชุมชน", "กลุ่มอาชีพ", "กองทุนหมู่บ้าน", "สหกรณ์การเกษตร", "กลุ่มแม่บ้านเกษตรกร", "กลุ่ม OTOP"];
    private static readonly string[] Crafts = ["ผ้าทอมือ", "จักสาน", "ข้าวอินทรีย์", "สมุนไพร", "ปลาร้า", "กาแฟ", "น้ำพริก", "ผ้าย้อมคราม", "เครื่องปั้นดินเผา", "ท่องเที่ยวชุมชน"];
    private static readonly string[] CourseTopics = ["ไลฟ์สดเพื่อการขายและรีวิวสินค้า", "การทำบัญชีครัวเรือน", "การตลาดออนไลน์", "การแปรรูปผลผลิตเกษตร", "การออกแบบบรรจุภัณฑ์", "การท่องเที่ยวโดยชุมชน", "การถ่ายภาพสินค้าด้วยมือถือ", "การบริหารกองทุนหมู่บ้าน", "การเกษตรอินทรีย์", "ผู้ประกอบการรุ่นใหม่"];

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task RunAsync()
    {
        // FK checks are per row; the rows are consistent by construction. Needs a superuser (the embedded server's postgres role).
        await Exec("set session_replication_role = replica");
        var provinces = GeographyLoader.Provinces;
        var districts = GeographyLoader.Districts;
        var subDistricts = GeographyLoader.SubDistricts;
        if (!await Scalar<bool>("select exists(select 1 from sub_districts)"))
            await GeographyLoader.EnsureLoadedAsync(conn.ConnectionString);
        if (await Scalar<bool>("select exists(select 1 from trainees)"))
            throw new InvalidOperationException("The database already holds trainees: generate into an empty (freshly migrated) database.");

        var orgCount = N(500, 5);
        var traineeCount = N(1_000_000, 600);
        var communityCount = N(80_000, 10);
        var mouCount = N(10_000, 5);
        var cohortCount = N(20_000, 3);
        var certificateTarget = N(500_000, 10);

        await OrganizationsAsync(orgCount, provinces);
        await UsersAsync();
        await TraineesAsync(traineeCount, provinces);
        await CommunitiesAsync(communityCount, orgCount, provinces, districts, subDistricts);
        await MousAsync(mouCount, orgCount);
        await TrainingAsync(cohortCount, traineeCount, orgCount, certificateTarget, provinces);
        await Exec("set session_replication_role = origin");
        await ResetSequencesAsync();
        Console.Write("ANALYZE … ");
        await Exec("analyze");
        Console.WriteLine($"done. Total {_clock.Elapsed.TotalSeconds:F0} s.");
    }

    // ---------------------------------------------------------------- organisations and users
    private async Task OrganizationsAsync(int count, IReadOnlyList<GeographyLoader.ProvinceRow> provinces)
    {
        var kinds = new (string Kind, string Th)[]
        {
            ("University", "มหาวิทยาลัย"), ("Bank", "ธนาคาร"), ("GovernmentDepartment", "สำนักงาน"), ("VillageFundOffice", "สำนักงานกองทุนหมู่บ้าน"),
            ("CommunityEnterprise", "วิสาหกิจชุมชน"), ("Cooperative", "สหกรณ์"), ("Company", "บริษัท"), ("PublicOrganization", "องค์การ"),
        };
        using var p = new Progress("organisations", count);
        await using var w = await conn.BeginBinaryImportAsync("copy organizations (id, kind, name_th, name_en, short_name, address, province, created_at) from stdin (format binary)");
        for (var id = 1; id <= count; id++)
        {
            var prov = provinces[_rng.Next(provinces.Count)];
            var (kind, th) = id == 1 ? ("Foundation", "มูลนิธิสัมมาชีพ") : kinds[_rng.Next(kinds.Length)];
            var name = id == 1 ? th : $"{th}{Crafts[_rng.Next(Crafts.Length)]}{prov.NameTh} {id}";
            await w.StartRowAsync();
            await w.WriteAsync((long)id, NpgsqlDbType.Bigint);
            await w.WriteAsync(kind, NpgsqlDbType.Text);
            await w.WriteAsync(name, NpgsqlDbType.Text);
            await w.WriteAsync(id == 1 ? "Sammachiv Foundation" : $"{kind} {prov.NameEn} {id}", NpgsqlDbType.Text);
            await w.WriteNullAsync();
            await w.WriteAsync($"{_rng.Next(1, 300)} หมู่ {_rng.Next(1, 15)} จังหวัด{prov.NameTh}", NpgsqlDbType.Text);
            await w.WriteAsync(prov.NameTh, NpgsqlDbType.Text);
            await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
            p.Tick();
        }
        await w.CompleteAsync();
    }

    private async Task UsersAsync()
    {
        foreach (var role in Roles.All)
            await Exec($"insert into roles (id, name, normalized_name, concurrency_stamp) select '{Guid.NewGuid()}', '{role}', '{role.ToUpperInvariant()}', '{Guid.NewGuid()}' where not exists (select 1 from roles where normalized_name = '{role.ToUpperInvariant()}')");
        var hasher = new PasswordHasher<AppUser>();
        foreach (var (email, role, org) in Users)
        {
            var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email };
            var hash = hasher.HashPassword(user, Password);
            await using var cmd = new NpgsqlCommand("""
                insert into users (id, display_name, role, organization_id, preferred_language, is_disabled, created_at, user_name, normalized_user_name,
                  email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                  lockout_enabled, access_failed_count)
                values (@id, @name, @role, @org, 'th', false, now(), @email, upper(@email), @email, upper(@email), true, @hash, @stamp, @stamp, false, false, true, 0);
                insert into user_roles (user_id, role_id) select @id, id from roles where normalized_name = upper(@role);
                """, conn);
            cmd.Parameters.AddWithValue("id", user.Id);
            cmd.Parameters.AddWithValue("name", role + " " + email.Split('@')[0]);
            cmd.Parameters.AddWithValue("role", role);
            cmd.Parameters.AddWithValue("org", org is null ? DBNull.Value : org.Value);
            cmd.Parameters.AddWithValue("email", email);
            cmd.Parameters.AddWithValue("hash", hash);
            cmd.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N").ToUpperInvariant());
            await cmd.ExecuteNonQueryAsync();
        }
    }

    // ---------------------------------------------------------------- trainees
    public sealed record TraineeRow(long Id, string Title, string FirstName, string LastName, string NationalId, DateOnly BirthDate,
        string Phone, string? Email, string Province, string Community, DateTime ConsentAt, DateTime CreatedAt);

    /// <summary>The trainees' columns, in the order <see cref="WriteTraineeAsync"/> writes them. The one place to adapt
    /// when the national-ID columns change (encryption, keyed hash).</summary>
    public const string TraineeCopy = "copy trainees (id, title, first_name, last_name, national_id_cipher, national_id_hash, national_id_masked, birth_date, phone, email, province, community, pdpa_consent_at, pdpa_consent_by, created_at) from stdin (format binary)";

    /// <summary>The benchmark portal is started with the same (test) keys, so it can search and reveal these IDs.</summary>
    public static readonly NationalIdProtector Protector = NationalIdProtector.FromBase64(
        [new("1", TestKeys.NationalIdKey1)], "1", TestKeys.LookupKey);

    public static async Task WriteTraineeAsync(NpgsqlBinaryImporter w, TraineeRow t)
    {
        await w.StartRowAsync();
        await w.WriteAsync(t.Id, NpgsqlDbType.Bigint);
        await w.WriteAsync(t.Title, NpgsqlDbType.Text);
        await w.WriteAsync(t.FirstName, NpgsqlDbType.Text);
        await w.WriteAsync(t.LastName, NpgsqlDbType.Text);
        // Stored as the portal stores it (Domain/Privacy): encrypted, a keyed hash for lookup, and the mask for lists.
        await w.WriteAsync(Protector.Encrypt(t.NationalId, t.Id), NpgsqlDbType.Bytea);
        await w.WriteAsync(Protector.Hash(t.NationalId), NpgsqlDbType.Bytea);
        await w.WriteAsync(NationalId.Mask(t.NationalId), NpgsqlDbType.Text);
        await w.WriteAsync(t.BirthDate, NpgsqlDbType.Date);
        await w.WriteAsync(t.Phone, NpgsqlDbType.Text);
        if (t.Email is null) await w.WriteNullAsync(); else await w.WriteAsync(t.Email, NpgsqlDbType.Text);
        await w.WriteAsync(t.Province, NpgsqlDbType.Text);
        await w.WriteAsync(t.Community, NpgsqlDbType.Text);
        await w.WriteAsync(t.ConsentAt, NpgsqlDbType.TimestampTz);
        await w.WriteAsync("generator", NpgsqlDbType.Text);
        await w.WriteAsync(t.CreatedAt, NpgsqlDbType.TimestampTz);
    }

    /// <summary>A unique, checksum-valid ID per index: multiplying by a number coprime with 10 permutes 0 … 10^11 − 1.</summary>
    public static string NationalIdFor(long index)
    {
        const long Mod = 100_000_000_000L;
        var body = (index * 7_919_113L + 12_345_678_901L) % Mod;
        var first = 1 + (int)(index % 8); // 1–8: the category digits in use
        return NationalId.WithCheckDigit(first.ToString(CultureInfo.InvariantCulture) + body.ToString("D11", CultureInfo.InvariantCulture));
    }

    private async Task TraineesAsync(int count, IReadOnlyList<GeographyLoader.ProvinceRow> provinces)
    {
        using var p = new Progress("trainees", count);
        await using var w = await conn.BeginBinaryImportAsync(TraineeCopy);
        for (long id = 1; id <= count; id++)
        {
            var female = _rng.Next(100) < 58; // most trainees in community programmes are women
            var title = female ? (_rng.Next(100) < 60 ? "นาง" : "นางสาว") : "นาย";
            var first = female ? FemaleFirst[_rng.Next(FemaleFirst.Length)] : MaleFirst[_rng.Next(MaleFirst.Length)];
            var last = SurnameA[_rng.Next(SurnameA.Length)] + SurnameB[_rng.Next(SurnameB.Length)];
            var prov = provinces[_rng.Next(provinces.Count)];
            var birth = new DateOnly(1950, 1, 1).AddDays(_rng.Next(365 * 55));
            var created = _now.AddDays(-_rng.Next(5 * 365));
            await WriteTraineeAsync(w, new TraineeRow(id, title, first, last, NationalIdFor(id), birth,
                "08" + _rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                _rng.Next(100) < 30 ? $"t{id}@mail.example" : null, prov.NameTh,
                $"{Groups[_rng.Next(Groups.Length)]}{Crafts[_rng.Next(Crafts.Length)]} {prov.NameTh}", created, created));
            p.Tick();
        }
        await w.CompleteAsync();
    }

    // ---------------------------------------------------------------- communities
    private async Task CommunitiesAsync(int count, int orgCount, IReadOnlyList<GeographyLoader.ProvinceRow> provinces,
        IReadOnlyList<GeographyLoader.DistrictRow> districts, IReadOnlyList<GeographyLoader.SubDistrictRow> subDistricts)
    {
        var rubric = RubricDefinition.Default();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await Exec($"insert into community_rubrics (id, version, definition, created_at, created_by, change_note) values (1, 1, '{JsonSerializer.Serialize(rubric, json).Replace("'", "''", StringComparison.Ordinal)}'::jsonb, now(), 'system', 'OTOP Nawatwithi default')");
        var districtById = districts.ToDictionary(d => d.Id);
        var provinceById = provinces.ToDictionary(pr => pr.Id);
        var criteria = rubric.Criteria.ToList();
        var maxScore = criteria[0].MaxScore;

        // Community rows first (their current group is the latest assessment's), then the assessments.
        var assessments = new List<(long Community, DateOnly On, Dictionary<string, int> Scores, Classification Result)>(count * 2);
        using (var p = new Progress("communities", count))
        await using (var w = await conn.BeginBinaryImportAsync("copy communities (id, name, village_no, sub_district_id, district_id, province_id, region, latitude, longitude, contact_name, contact_phone, computed_category, category, last_assessed_on, created_at) from stdin (format binary)"))
        {
            for (long id = 1; id <= count; id++)
            {
                var sub = subDistricts[(int)((id - 1) % subDistricts.Count)];
                var villageNo = (int)((id - 1) / subDistricts.Count) + 1;
                var district = districtById[sub.DistrictId];
                var prov = provinceById[district.ProvinceId];
                // Skewed profiles so every group A–D (and some unclassified) occurs.
                var profile = _rng.Next(5);
                var n = 1 + _rng.Next(3);
                Classification? last = null;
                DateOnly lastOn = default;
                for (var a = 0; a < n; a++)
                {
                    var scores = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var c in criteria)
                    {
                        var bias = profile switch
                        {
                            0 => 0.85,
                            1 => c.Key.StartsWith("readiness", StringComparison.Ordinal) ? 0.3 : 0.85,
                            2 => c.Key.StartsWith("learning", StringComparison.Ordinal) ? 0.9 : 0.3,
                            3 => c.Key.StartsWith("products", StringComparison.Ordinal) ? 0.9 : 0.3,
                            _ => 0.2,
                        };
                        scores[c.Key] = Math.Clamp((int)Math.Round(c.MaxScore * (bias + (_rng.NextDouble() - 0.5) * 0.3)), 0, c.MaxScore);
                    }
                    var on = _today.AddDays(-_rng.Next(3 * 365));
                    var result = CommunityClassifier.Classify(rubric, scores);
                    assessments.Add((id, on, scores, result));
                    if (last is null || on >= lastOn) { last = result; lastOn = on; }
                }
                await w.StartRowAsync();
                await w.WriteAsync(id, NpgsqlDbType.Bigint);
                await w.WriteAsync($"บ้าน{Crafts[_rng.Next(Crafts.Length)]}{sub.NameTh}", NpgsqlDbType.Text);
                await w.WriteAsync(villageNo, NpgsqlDbType.Integer);
                await w.WriteAsync(sub.Id, NpgsqlDbType.Integer);
                await w.WriteAsync(district.Id, NpgsqlDbType.Integer);
                await w.WriteAsync(prov.Id, NpgsqlDbType.Integer);
                await w.WriteAsync(prov.Region.ToString(), NpgsqlDbType.Text);
                await w.WriteAsync(Math.Round(6m + (decimal)_rng.NextDouble() * 14m, 6), NpgsqlDbType.Numeric);
                await w.WriteAsync(Math.Round(98m + (decimal)_rng.NextDouble() * 7m, 6), NpgsqlDbType.Numeric);
                await w.WriteAsync(FemaleFirst[_rng.Next(FemaleFirst.Length)] + " " + SurnameA[_rng.Next(SurnameA.Length)] + SurnameB[_rng.Next(SurnameB.Length)], NpgsqlDbType.Text);
                await w.WriteAsync("08" + _rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await w.WriteAsync(last!.Category.ToString(), NpgsqlDbType.Text);
                await w.WriteAsync(last.Category.ToString(), NpgsqlDbType.Text);
                await w.WriteAsync(lastOn, NpgsqlDbType.Date);
                await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                p.Tick();
            }
            await w.CompleteAsync();
        }
        _ = maxScore;

        using (var p = new Progress("community assessments", assessments.Count))
        await using (var w = await conn.BeginBinaryImportAsync("copy community_assessments (id, community_id, rubric_id, assessed_on, assessor, scores, category, tourism_score, reasons, recorded_by, created_at) from stdin (format binary)"))
        {
            long id = 0;
            foreach (var (community, on, scores, result) in assessments)
            {
                await w.StartRowAsync();
                await w.WriteAsync(++id, NpgsqlDbType.Bigint);
                await w.WriteAsync(community, NpgsqlDbType.Bigint);
                await w.WriteAsync(1L, NpgsqlDbType.Bigint);
                await w.WriteAsync(on, NpgsqlDbType.Date);
                await w.WriteAsync("เจ้าหน้าที่พัฒนาชุมชน", NpgsqlDbType.Text);
                await w.WriteAsync(JsonSerializer.Serialize(scores, json), NpgsqlDbType.Jsonb);
                await w.WriteAsync(result.Category.ToString(), NpgsqlDbType.Text);
                await w.WriteAsync(Math.Round(result.TourismScore, 2), NpgsqlDbType.Numeric);
                await w.WriteAsync(JsonSerializer.Serialize(result.Reasons, json), NpgsqlDbType.Jsonb);
                await w.WriteAsync("generator", NpgsqlDbType.Text);
                await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                p.Tick();
            }
            await w.CompleteAsync();
        }

        await using (var w = await conn.BeginBinaryImportAsync("copy community_partners (community_id, organization_id) from stdin (format binary)"))
            for (long id = 1; id <= count; id += 3)
            {
                await w.StartRowAsync();
                await w.WriteAsync(id, NpgsqlDbType.Bigint);
                await w.WriteAsync((long)(2 + _rng.Next(orgCount - 1)), NpgsqlDbType.Bigint);
            }
    }

    // ---------------------------------------------------------------- MOUs
    private async Task MousAsync(int count, int orgCount)
    {
        var statuses = new[] { "Draft", "Active", "Active", "Active", "Active", "Expired", "Expired", "Terminated", "Renewed" };
        long itemId = 0, actionId = 0, partyId = 0;
        await using (var mous = await conn.BeginBinaryImportAsync("copy mous (id, code, title, purpose, status, signing_date, start_date, end_date, termination_reason, created_at) from stdin (format binary)"))
        {
            using var p = new Progress("MOUs", count);
            for (long id = 1; id <= count; id++)
            {
                var status = statuses[_rng.Next(statuses.Length)];
                var start = status switch
                {
                    "Expired" or "Renewed" => _today.AddDays(-_rng.Next(3 * 365, 6 * 365)),
                    "Draft" => _today.AddDays(_rng.Next(10, 120)),
                    _ => _today.AddDays(-_rng.Next(30, 3 * 365)),
                };
                var end = status is "Expired" or "Renewed" ? _today.AddDays(-_rng.Next(1, 365)) : start.AddYears(3 + _rng.Next(3));
                var be = start.Year + 543;
                await mous.StartRowAsync();
                await mous.WriteAsync(id, NpgsqlDbType.Bigint);
                await mous.WriteAsync($"MOU-{be}-{id:D5}", NpgsqlDbType.Text);
                await mous.WriteAsync($"บันทึกข้อตกลงความร่วมมือด้าน{CourseTopics[_rng.Next(CourseTopics.Length)]} ฉบับที่ {id}", NpgsqlDbType.Text);
                await mous.WriteAsync("เพื่อส่งเสริมอาชีพและรายได้ของชุมชน", NpgsqlDbType.Text);
                await mous.WriteAsync(status, NpgsqlDbType.Text);
                if (status == "Draft") await mous.WriteNullAsync(); else await mous.WriteAsync(start, NpgsqlDbType.Date);
                await mous.WriteAsync(start, NpgsqlDbType.Date);
                await mous.WriteAsync(end, NpgsqlDbType.Date);
                if (status == "Terminated") await mous.WriteAsync("ยุติตามข้อตกลงของทั้งสองฝ่าย", NpgsqlDbType.Text); else await mous.WriteNullAsync();
                await mous.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                p.Tick();
            }
            await mous.CompleteAsync();
        }

        // Parties, items and actions in one pass (three importers cannot share one connection: buffer the small tables).
        var parties = new List<(long Id, long Mou, long Org, string Role, int Sort)>();
        var items = new List<(long Id, long Mou, int Number)>();
        using (var p = new Progress("MOU actions", count * 20L))
        await using (var w = await conn.BeginBinaryImportAsync("copy mou_actions (id, mou_id, item_id, title, responsible_organization_id, contact_name, due_date, status, percent, created_at) from stdin (format binary)"))
        {
            for (long mou = 1; mou <= count; mou++)
            {
                var orgs = new List<long> { 1 };
                // Organisations 2–4 (the benchmark's partner users) take part in many MOUs.
                var partnerCount = 1 + _rng.Next(2);
                while (orgs.Count < 1 + partnerCount)
                {
                    var o = _rng.Next(100) < 10 ? 2 + _rng.Next(3) : 2 + _rng.Next(orgCount - 1);
                    if (!orgs.Contains(o)) orgs.Add(o);
                }
                for (var i = 0; i < orgs.Count; i++) parties.Add((++partyId, mou, orgs[i], i == 0 ? "Lead" : "Partner", i));
                for (var item = 1; item <= 2; item++)
                {
                    items.Add((++itemId, mou, item));
                    for (var a = 0; a < 10; a++)
                    {
                        var due = _today.AddDays(_rng.Next(-540, 365));
                        var past = due < _today;
                        // Most past actions are done; about a quarter are overdue (open after their due date).
                        var status = past ? (_rng.Next(100) < 75 ? "Done" : _rng.Next(3) switch { 0 => "NotStarted", 1 => "InProgress", _ => "Blocked" })
                            : _rng.Next(3) switch { 0 => "NotStarted", 1 => "InProgress", _ => "Done" };
                        await w.StartRowAsync();
                        await w.WriteAsync(++actionId, NpgsqlDbType.Bigint);
                        await w.WriteAsync(mou, NpgsqlDbType.Bigint);
                        await w.WriteAsync(itemId, NpgsqlDbType.Bigint);
                        await w.WriteAsync($"{CourseTopics[_rng.Next(CourseTopics.Length)]} กิจกรรมที่ {a + 1}", NpgsqlDbType.Text);
                        await w.WriteAsync(orgs[_rng.Next(orgs.Count)], NpgsqlDbType.Bigint);
                        await w.WriteAsync(FemaleFirst[_rng.Next(FemaleFirst.Length)], NpgsqlDbType.Text);
                        await w.WriteAsync(due, NpgsqlDbType.Date);
                        await w.WriteAsync(status, NpgsqlDbType.Text);
                        await w.WriteAsync(status == "Done" ? 100 : status == "NotStarted" ? 0 : _rng.Next(10, 90), NpgsqlDbType.Integer);
                        await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                        p.Tick();
                    }
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("copy mou_parties (id, mou_id, organization_id, role, signatory_name, signatory_position, sort_order) from stdin (format binary)"))
        {
            foreach (var x in parties)
            {
                await w.StartRowAsync();
                await w.WriteAsync(x.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Mou, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Org, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Role, NpgsqlDbType.Text);
                await w.WriteAsync(MaleFirst[(int)(x.Id % MaleFirst.Length)] + " " + SurnameA[(int)(x.Id % SurnameA.Length)] + SurnameB[(int)(x.Id % SurnameB.Length)], NpgsqlDbType.Text);
                await w.WriteAsync(x.Role == "Lead" ? "ประธานมูลนิธิ" : "ผู้อำนวยการ", NpgsqlDbType.Text);
                await w.WriteAsync(x.Sort, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("copy mou_items (id, mou_id, number, title) from stdin (format binary)"))
        {
            foreach (var x in items)
            {
                await w.StartRowAsync();
                await w.WriteAsync(x.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Mou, NpgsqlDbType.Bigint);
                await w.WriteAsync(x.Number, NpgsqlDbType.Integer);
                await w.WriteAsync(x.Number == 1 ? "การพัฒนาทักษะอาชีพ" : "การส่งเสริมการตลาด", NpgsqlDbType.Text);
            }
            await w.CompleteAsync();
        }
    }

    // ---------------------------------------------------------------- training and certificates
    private async Task TrainingAsync(int cohortCount, int traineeCount, int orgCount, int certificateTarget, IReadOnlyList<GeographyLoader.ProvinceRow> provinces)
    {
        await using (var w = await conn.BeginBinaryImportAsync("copy courses (id, title_th, title_en, hours, min_attendance_percent, created_at) from stdin (format binary)"))
        {
            for (var i = 0; i < CourseTopics.Length; i++)
            {
                await w.StartRowAsync();
                await w.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                await w.WriteAsync(CourseTopics[i], NpgsqlDbType.Text);
                await w.WriteAsync($"Course {i + 1}", NpgsqlDbType.Text);
                await w.WriteAsync(30m, NpgsqlDbType.Numeric);
                await w.WriteAsync(80, NpgsqlDbType.Integer);
                await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }

        // Plan every cohort first (dates, status, size) so the COPYs can stream table by table.
        var cohorts = new List<CohortPlan>(cohortCount);
        for (var id = 1; id <= cohortCount; id++)
        {
            var start = id == 1 ? _today.AddDays(-3) : _today.AddDays(_rng.Next(-5 * 365, 120));
            var end = start.AddDays(4);
            var status = id == 1 ? "Running" : end < _today ? (_rng.Next(100) < 95 ? "Completed" : "Cancelled") : start <= _today ? "Running" : _rng.Next(2) == 0 ? "Open" : "Planned";
            var size = id == 1 ? RosterCohortSize : 15 + _rng.Next(49);
            cohorts.Add(new CohortPlan(id, 1 + (id - 1) % CourseTopics.Length, start, end, status, Math.Min(size, traineeCount), provinces[_rng.Next(provinces.Count)].NameTh,
                _rng.Next(traineeCount)));
        }

        using (var p = new Progress("cohorts", cohortCount))
        await using (var w = await conn.BeginBinaryImportAsync("copy cohorts (id, course_id, name, is_online, venue, province, start_date, end_date, capacity, instructors, status, closed_at, created_at) from stdin (format binary)"))
        {
            foreach (var c in cohorts)
            {
                await w.StartRowAsync();
                await w.WriteAsync((long)c.Id, NpgsqlDbType.Bigint);
                await w.WriteAsync((long)c.Course, NpgsqlDbType.Bigint);
                await w.WriteAsync($"รุ่นที่ {c.Id}/{c.Start.Year + 543}", NpgsqlDbType.Text);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
                await w.WriteAsync($"ศาลาประชาคม จังหวัด{c.Province}", NpgsqlDbType.Text);
                await w.WriteAsync(c.Province, NpgsqlDbType.Text);
                await w.WriteAsync(c.Start, NpgsqlDbType.Date);
                await w.WriteAsync(c.End, NpgsqlDbType.Date);
                await w.WriteAsync(Math.Max(c.Size, 50), NpgsqlDbType.Integer);
                await w.WriteAsync("วิทยากรมูลนิธิสัมมาชีพ", NpgsqlDbType.Text);
                await w.WriteAsync(c.Status, NpgsqlDbType.Text);
                if (c.Status == "Completed") await w.WriteAsync(c.End.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
                await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                p.Tick();
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginBinaryImportAsync("copy cohort_partners (cohort_id, organization_id) from stdin (format binary)"))
        {
            foreach (var c in cohorts)
            {
                await w.StartRowAsync();
                await w.WriteAsync((long)c.Id, NpgsqlDbType.Bigint);
                // Cohort 1 and every tenth cohort are delivered by organisation 2 (a partner user's organisation).
                await w.WriteAsync(c.Id == 1 || c.Id % 10 == 0 ? 2L : 2L + _rng.Next(orgCount - 1), NpgsqlDbType.Bigint);
            }
            await w.CompleteAsync();
        }
        const int SessionsPerCohort = 5;
        await using (var w = await conn.BeginBinaryImportAsync("copy training_sessions (id, cohort_id, date, start_time, end_time, topic, place) from stdin (format binary)"))
        {
            foreach (var c in cohorts)
                for (var s = 0; s < SessionsPerCohort; s++)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync((long)((c.Id - 1) * SessionsPerCohort + s + 1), NpgsqlDbType.Bigint);
                    await w.WriteAsync((long)c.Id, NpgsqlDbType.Bigint);
                    await w.WriteAsync(c.Start.AddDays(s), NpgsqlDbType.Date);
                    await w.WriteAsync(new TimeOnly(9, 0), NpgsqlDbType.Time);
                    await w.WriteAsync(new TimeOnly(16, 0), NpgsqlDbType.Time);
                    await w.WriteAsync($"หัวข้อที่ {s + 1}", NpgsqlDbType.Text);
                    await w.WriteAsync("ห้องประชุม", NpgsqlDbType.Text);
                }
            await w.CompleteAsync();
        }

        // Enrolments with attendance (the same random stream decides both; attendance is buffered per cohort into a second pass).
        var completedEnrolments = new List<(long Enrollment, long Trainee, int Cohort)>();
        long enrollmentId = 0;
        var attendanceStatus = new List<(long Session, long Enrollment, string Status)>();
        using (var p = new Progress("enrolments", cohorts.Sum(c => (long)c.Size)))
        await using (var w = await conn.BeginBinaryImportAsync("copy enrollments (id, cohort_id, trainee_id, status, created_at, withdrawn_at, completed, attended_sessions, session_count, completion_fixed_at) from stdin (format binary)"))
        {
            foreach (var c in cohorts)
            {
                var closed = c.Status == "Completed";
                var heldSessions = Enumerable.Range(0, SessionsPerCohort).Count(s => c.Start.AddDays(s) <= _today && c.Status != "Cancelled");
                for (var k = 0; k < c.Size; k++)
                {
                    var trainee = (long)((c.FirstTrainee + k * 7919L) % traineeCount) + 1; // distinct within the cohort
                    var withdrawn = c.Id != 1 && _rng.Next(100) < 4;
                    var attended = 0;
                    ++enrollmentId;
                    if (!withdrawn)
                        for (var s = 0; s < heldSessions; s++)
                        {
                            var roll = _rng.Next(100);
                            if (roll < 3) continue; // no record: the register was not taken for this person
                            var status = roll < 83 ? "Present" : roll < 89 ? "Late" : roll < 93 ? "Excused" : "Absent";
                            if (status is "Present" or "Late") attended++;
                            attendanceStatus.Add(((c.Id - 1) * SessionsPerCohort + s + 1, enrollmentId, status));
                        }
                    var completed = closed && !withdrawn && attended * 100 >= 80 * SessionsPerCohort;
                    await w.StartRowAsync();
                    await w.WriteAsync(enrollmentId, NpgsqlDbType.Bigint);
                    await w.WriteAsync((long)c.Id, NpgsqlDbType.Bigint);
                    await w.WriteAsync(trainee, NpgsqlDbType.Bigint);
                    await w.WriteAsync(withdrawn ? "Withdrawn" : "Enrolled", NpgsqlDbType.Text);
                    await w.WriteAsync(c.Start.AddDays(-14).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    if (withdrawn) await w.WriteAsync(c.Start.AddDays(-3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); else await w.WriteNullAsync();
                    if (closed)
                    {
                        await w.WriteAsync(completed, NpgsqlDbType.Boolean);
                        await w.WriteAsync(attended, NpgsqlDbType.Integer);
                        await w.WriteAsync(SessionsPerCohort, NpgsqlDbType.Integer);
                        await w.WriteAsync(c.End.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await w.WriteNullAsync(); await w.WriteNullAsync(); await w.WriteNullAsync(); await w.WriteNullAsync();
                    }
                    if (completed) completedEnrolments.Add((enrollmentId, trainee, c.Id));
                    p.Tick();
                }
            }
            await w.CompleteAsync();
        }

        using (var p = new Progress("attendance", attendanceStatus.Count))
        await using (var w = await conn.BeginBinaryImportAsync("copy attendance (session_id, enrollment_id, status, recorded_at) from stdin (format binary)"))
        {
            foreach (var (session, enrollment, status) in attendanceStatus)
            {
                await w.StartRowAsync();
                await w.WriteAsync(session, NpgsqlDbType.Bigint);
                await w.WriteAsync(enrollment, NpgsqlDbType.Bigint);
                await w.WriteAsync(status, NpgsqlDbType.Text);
                await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
                p.Tick();
            }
            await w.CompleteAsync();
        }
        attendanceStatus = null;

        await CertificatesAsync(cohorts, completedEnrolments, certificateTarget);
    }

    private sealed record CohortPlan(int Id, int Course, DateOnly Start, DateOnly End, string Status, int Size, string Province, int FirstTrainee);

    /// <summary>A small valid PDF stored on the first certificates, so "download one certificate" serves real bytes.
    /// The rest keep pdf null (the column is nullable: a certificate whose PDF is being printed).</summary>
    private static readonly byte[] PlaceholderPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public const int CertificatesWithPdf = 1000;

    /// <summary>Distinct codes: the index times an odd multiplier mod 2^50 is a bijection, spelled in the code alphabet.</summary>
    public static string CertificateCodeFor(long index)
    {
        const long Mask = (1L << 50) - 1;
        var v = (index * 0x2545F4914F6CDD1DL + 0x1234_5678_9ABCL) & Mask;
        Span<char> chars = stackalloc char[10];
        for (var i = 9; i >= 0; i--) { chars[i] = Domain.Certificates.CertificateCode.Alphabet[(int)(v & 31)]; v >>= 5; }
        return Domain.Certificates.CertificateCode.Format(new string(chars));
    }

    private async Task CertificatesAsync(List<CohortPlan> cohorts, List<(long Enrollment, long Trainee, int Cohort)> completed, int target)
    {
        var take = Math.Min(target, completed.Count);
        var byId = cohorts.ToDictionary(c => c.Id);
        var pdfHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PlaceholderPdf));
        var signatories = """[{"name":"นายสมชาย ใจดี","position":"ประธานมูลนิธิสัมมาชีพ"}]""";
        // Names for the frozen holder name: read back by id range to keep memory flat.
        using var p = new Progress("certificates", take);
        var names = new Dictionary<long, string>();
        await using (var cmd = new NpgsqlCommand("select id, coalesce(title,'') || first_name || ' ' || last_name from trainees", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) names[r.GetInt64(0)] = r.GetString(1);
        await using var w = await conn.BeginBinaryImportAsync("copy certificates (id, code, trainee_id, cohort_id, enrollment_id, holder_name, course_title, cohort_name, start_date, end_date, hours, issued_on, signatories, status, pdf, pdf_sha256, created_at) from stdin (format binary)");
        for (var i = 0; i < take; i++)
        {
            var (enrollment, trainee, cohortId) = completed[i];
            var c = byId[cohortId];
            await w.StartRowAsync();
            await w.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
            await w.WriteAsync(CertificateCodeFor(i), NpgsqlDbType.Text);
            await w.WriteAsync(trainee, NpgsqlDbType.Bigint);
            await w.WriteAsync((long)cohortId, NpgsqlDbType.Bigint);
            await w.WriteAsync(enrollment, NpgsqlDbType.Bigint);
            await w.WriteAsync(names[trainee], NpgsqlDbType.Text);
            await w.WriteAsync(CourseTopics[c.Course - 1], NpgsqlDbType.Text);
            await w.WriteAsync($"รุ่นที่ {c.Id}/{c.Start.Year + 543}", NpgsqlDbType.Text);
            await w.WriteAsync(c.Start, NpgsqlDbType.Date);
            await w.WriteAsync(c.End, NpgsqlDbType.Date);
            await w.WriteAsync(30m, NpgsqlDbType.Numeric);
            await w.WriteAsync(c.End.AddDays(7), NpgsqlDbType.Date);
            await w.WriteAsync(signatories, NpgsqlDbType.Jsonb);
            await w.WriteAsync("Valid", NpgsqlDbType.Text);
            if (i < CertificatesWithPdf) { await w.WriteAsync(PlaceholderPdf, NpgsqlDbType.Bytea); await w.WriteAsync(pdfHash, NpgsqlDbType.Text); }
            else { await w.WriteNullAsync(); await w.WriteNullAsync(); }
            await w.WriteAsync(_now, NpgsqlDbType.TimestampTz);
            p.Tick();
        }
        await w.CompleteAsync();
    }

    // ---------------------------------------------------------------- helpers
    private async Task ResetSequencesAsync()
    {
        foreach (var table in new[] { "organizations", "trainees", "communities", "community_assessments", "community_rubrics", "mous", "mou_parties", "mou_items", "mou_actions", "courses", "cohorts", "training_sessions", "enrollments", "certificates" })
            await Exec($"select setval(pg_get_serial_sequence('{table}', 'id'), coalesce((select max(id) from {table}), 1))");
    }

    private async Task Exec(string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>migrate (--data-dir DIR | --connection CS): applies new migrations to a generated database (index builds on
    /// 1,000,000 rows take a minute or two: better here than in the portal's start-up).</summary>
    public static async Task MigrateAsync(string? dataDir, string? connection)
    {
        EmbeddedPostgres? server = null;
        if (connection is null)
        {
            server = await EmbeddedPostgres.StartAsync(dataDir ?? Path.Combine(Path.GetTempPath(), "pp-national"), "national");
            connection = server.ConnectionString("national");
        }
        try
        {
            var sw = Stopwatch.StartNew();
            var applied = await Migrator.MigrateAsync(connection);
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using (var analyze = new NpgsqlCommand("analyze", conn) { CommandTimeout = 0 }) await analyze.ExecuteNonQueryAsync();
            Console.WriteLine($"applied {string.Join(", ", applied.DefaultIfEmpty("nothing"))} in {sw.Elapsed.TotalSeconds:F0} s");
        }
        finally { if (server is not null) await server.StopAsync(); }
    }

    /// <summary>generate --scale S --seed N (--data-dir DIR | --connection CS)</summary>
    public static async Task RunCommandAsync(double scale, int seed, string? dataDir, string? connection)
    {
        EmbeddedPostgres? server = null;
        if (connection is null)
        {
            dataDir ??= Path.Combine(Path.GetTempPath(), "pp-national");
            server = await EmbeddedPostgres.StartAsync(dataDir, "national");
            connection = server.ConnectionString("national");
            Console.WriteLine($"PostgreSQL for {dataDir} on port {server.Port}; database 'national'");
        }
        try
        {
            await Migrator.MigrateAsync(connection);
            // The rows go in as the superuser (session_replication_role needs one); the tables stay the portal role's.
            // Persist Security Info: RunAsync hands conn.ConnectionString on, which would otherwise lose the password.
            await using var conn = new NpgsqlConnection(server is null ? connection : server.AdminConnectionString("national") + ";Persist Security Info=true");
            await conn.OpenAsync();
            var sw = Stopwatch.StartNew();
            await new Generator(conn, scale, seed).RunAsync();
            await using var size = new NpgsqlCommand("select pg_size_pretty(pg_database_size(current_database()))", conn);
            Console.WriteLine($"Generated scale {scale.ToString(CultureInfo.InvariantCulture)} seed {seed} in {sw.Elapsed.TotalSeconds:F0} s; database size {await size.ExecuteScalarAsync()}.");
            Console.WriteLine($"Sign in as {string.Join(", ", Users.Select(u => u.Email))} with the password {Password}.");
        }
        finally
        {
            if (server is not null) await server.StopAsync();
        }
    }
}

/// <summary>A one-line console progress bar (redrawn at most every 1 %).</summary>
public sealed class Progress : IDisposable
{
    private readonly string _label;
    private readonly long _total;
    private long _done;
    private int _lastPercent = -1;
    private readonly Stopwatch _sw = Stopwatch.StartNew();

    public Progress(string label, long total) { _label = label; _total = Math.Max(1, total); Draw(); }

    public void Tick(long n = 1)
    {
        _done += n;
        if ((int)(_done * 100 / _total) != _lastPercent) Draw();
    }

    private void Draw()
    {
        _lastPercent = (int)(_done * 100 / _total);
        var filled = _lastPercent * 30 / 100;
        Console.Write($"\r{_label,-22} [{new string('#', filled)}{new string('.', 30 - filled)}] {_lastPercent,3}% {_done:N0}/{_total:N0} {_sw.Elapsed.TotalSeconds:F0}s ");
    }

    public void Dispose() { Draw(); Console.WriteLine(); }
}
