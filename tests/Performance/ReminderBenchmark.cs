using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Web.Infrastructure;

namespace PartnerPrograms.Performance;

/// <summary>
/// The daily reminder scan at national scale: 10,000 MOUs with 200,000 actions (due dates spread over two years,
/// a fifth done), 500 partner organisations with a contact and a partner user each. Runs the scan for a Monday (so the
/// weekly overdue digests are included), then again (idempotent: nothing new), and prints the figures.
/// </summary>
public static class ReminderBenchmark
{
    public static async Task RunAsync(int mous, int actionsPerMou, int organizations)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await EmbeddedPostgres.StartAsync(dir, "bench");
        try
        {
            var cs = server.ConnectionString("bench");
            await Migrator.MigrateAsync(cs);
            var today = new DateOnly(2027, 1, 4); // a Monday
            var sw = Stopwatch.StartNew();
            await GenerateAsync(cs, mous, actionsPerMou, organizations, today);
            Console.WriteLine($"generated mous={mous} actions={mous * actionsPerMou} organizations={organizations} seconds={sw.Elapsed.TotalSeconds:F1}");

            var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton(TimeProvider.System)
                .AddDbContext<AppDbContext>(o => o.UseNpgsql(cs))
                .AddScoped<ReminderSender>().AddScoped<ReminderRunner>().AddSingleton<UnsubscribeLinks>()
                .AddSingleton<MailRenderer>().AddSingleton<MailWriter>().AddPortalLocalization()
                .AddScoped<IReminderSource, MouReminders>();
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.Configure<PortalOptions>(o => o.PublicBaseUrl = "https://portal.example");
            await using var provider = services.BuildServiceProvider();

            for (var run = 1; run <= 2; run++)
            {
                sw.Restart();
                await using var scope = provider.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(today, CancellationToken.None);
                sw.Stop();
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("select count(*), coalesce(max(length(text_body)),0) from email_outbox", conn);
                await using var r = await cmd.ExecuteReaderAsync();
                await r.ReadAsync();
                Console.WriteLine($"run={run} seconds={sw.Elapsed.TotalSeconds:F2} queued={result.Queued} skippedAsAlreadySent={result.SkippedAsAlreadySent} outboxMessages={r.GetInt64(0)} largestDigestChars={r.GetInt32(1)}");
            }
        }
        finally
        {
            await server.StopAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task GenerateAsync(string cs, int mous, int actionsPerMou, int organizations, DateOnly today)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var sql = $"""
            select setseed(0.42);
            insert into organizations (kind, name_th, created_at)
              select 'GovernmentDepartment', 'หน่วยงานภาคี ' || g, now() from generate_series(1, {organizations}) g;
            insert into organization_contacts (organization_id, name, email)
              select id, 'ผู้ประสานงาน ' || id, 'contact' || id || '@example.org' from organizations;
            insert into users (id, display_name, role, organization_id, preferred_language, is_disabled, created_at, user_name, normalized_user_name,
                               email, normalized_email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
              select gen_random_uuid(), 'ผู้ใช้ ' || id, 'Partner', id, 'th', false, now(), 'partner' || id || '@example.org', upper('partner' || id || '@example.org'),
                     'partner' || id || '@example.org', upper('partner' || id || '@example.org'), true, false, false, true, 0 from organizations;
            insert into mous (code, title, status, start_date, end_date, created_at)
              select 'MOU-' || g, 'บันทึกข้อตกลงความร่วมมือฉบับที่ ' || g,
                     case when g % 10 < 7 then 'Active' when g % 10 < 8 then 'Draft' when g % 10 < 9 then 'Expired' else 'Terminated' end,
                     date '{today:yyyy-MM-dd}' - (random() * 700)::int, date '{today:yyyy-MM-dd}' + (random() * 700)::int, now()
              from generate_series(1, {mous}) g;
            insert into mou_parties (mou_id, organization_id, role, signatory_name, sort_order)
              select m.id, 1 + (m.id * 7) % {organizations}, 'Lead', 'ผู้ลงนาม', 0 from mous m
              union all select m.id, 1 + (m.id * 13 + 1) % {organizations}, 'Partner', 'ผู้ลงนาม', 1 from mous m;
            insert into mou_items (mou_id, number, title) select id, 1, 'ประเด็นความร่วมมือ' from mous;
            insert into mou_actions (mou_id, item_id, title, responsible_organization_id, due_date, status, percent, created_at)
              select i.mou_id, i.id, 'ภารกิจที่ ' || a, 1 + ((i.mou_id * 13 + 1) + a) % {organizations},
                     date '{today:yyyy-MM-dd}' + (random() * 730)::int - 365,
                     case when random() < 0.2 then 'Done' when random() < 0.5 then 'InProgress' else 'NotStarted' end, 0, now()
              from mou_items i, generate_series(1, {actionsPerMou}) a;
            analyze;
            """;
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }
}
