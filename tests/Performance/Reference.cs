using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Performance;

/// <summary>
/// The practical limit on this machine: Kestrel, raw Npgsql, one prepared statement per request (auto-prepared on
/// each pooled connection), a minimal HTML or JSON write. It answers the same questions as the portal with the same
/// rows, and no more: no authentication, no layout, no localisation.
/// </summary>
public static class Reference
{
    public static async Task RunAsync(string connection, int port)
    {
        var cs = new NpgsqlConnectionStringBuilder(connection) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 1, MaxPoolSize = 64, Options = "-c plan_cache_mode=force_custom_plan" }.ConnectionString;
        await using var db = NpgsqlDataSource.Create(cs);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var hasher = new PasswordHasher<AppUser>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        app.Use(async (ctx, next) => { ctx.Response.Headers["X-Db-Commands"] = "1"; await next(); });
        app.MapGet("/health", () => "ok");

        app.MapPost("/signin", async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var hash = await Scalar<string>(db, "select password_hash from users where normalized_email = $1", form["email"].ToString().ToUpperInvariant());
            var ok = hash is not null && hasher.VerifyHashedPassword(new AppUser(), hash, form["password"].ToString()) != PasswordVerificationResult.Failed;
            return ok ? Results.Redirect("/") : Results.Unauthorized();
        });
        app.MapGet("/", async (HttpContext ctx) =>
        {
            var name = await Scalar<string>(db, "select display_name from users where normalized_email = $1", "STAFF@BENCH.EXAMPLE");
            await Html(ctx, $"<h1>ยินดีต้อนรับ {WebUtility.HtmlEncode(name)}</h1><ul><li><a href=/trainees>ผู้เข้าอบรม</a></li><li><a href=/mous>MOU</a></li></ul>");
        });
        app.MapGet("/trainees", async (HttpContext ctx, string q) =>
        {
            var pattern = "%" + q.Trim() + "%";
            await Rows(ctx, db, """
                select t.id, coalesce(t.title,'') || t.first_name || ' ' || t.last_name, t.province, t.community,
                       (select count(*) from enrollments e where e.trainee_id = t.id), count(*) over ()
                from trainees t
                where t.first_name || ' ' || t.last_name ilike $1 or t.community ilike $1 or t.phone ilike $1
                   or coalesce(t.first_name_en,'') || ' ' || coalesce(t.last_name_en,'') ilike $1
                order by t.first_name, t.last_name, t.id limit 50
                """, pattern);
        });
        app.MapPost("/trainees/by-id", async (HttpContext ctx) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var id = await Scalar<long?>(db, "select id from trainees where national_id_hash = $1", Generator.Protector.Hash(form["q"].ToString()));
            return Results.Redirect(id is null ? "/trainees" : $"/trainees/{id}");
        });
        app.MapGet("/roster/{id:long}", async (HttpContext ctx, long id) => await Rows(ctx, db, """
            select e.id, coalesce(t.title,'') || t.first_name || ' ' || t.last_name, e.status,
                   count(*) filter (where a.status in ('Present','Late')), count(a.status), e.completed
            from enrollments e join trainees t on t.id = e.trainee_id left join attendance a on a.enrollment_id = e.id
            where e.cohort_id = $1 group by e.id, t.id order by t.first_name, t.last_name
            """, id));
        app.MapPut("/attendance/{session:long}", async (HttpContext ctx, long session) =>
        {
            var marks = await ctx.Request.ReadFromJsonAsync<List<Mark>>() ?? [];
            await using var cmd = db.CreateCommand("""
                insert into attendance (session_id, enrollment_id, status, recorded_at)
                select $1, e, initcap(s), now() from unnest($2::bigint[], $3::text[]) as m(e, s)
                on conflict (session_id, enrollment_id) do update set status = excluded.status, recorded_at = excluded.recorded_at
                """);
            cmd.Parameters.Add(new NpgsqlParameter { Value = session });
            cmd.Parameters.Add(new NpgsqlParameter { Value = marks.Select(m => m.EnrollmentId).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = marks.Select(m => m.Status).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await cmd.ExecuteNonQueryAsync();
            return Results.NoContent();
        });
        app.MapGet("/mous", async (HttpContext ctx) => await Rows(ctx, db, """
            select m.id, m.code, m.title, m.status, m.end_date,
                   (select string_agg(o.name_th, ', ' order by p.sort_order) from mou_parties p join organizations o on o.id = p.organization_id where p.mou_id = m.id),
                   (select count(*) from mou_actions a where a.mou_id = m.id and a.due_date < $1 and a.status not in ('Done','Cancelled')),
                   count(*) over ()
            from mous m order by m.start_date desc, m.id desc limit 25
            """, today));
        app.MapGet("/actions/{org:long}", async (HttpContext ctx, long org) => await Rows(ctx, db, """
            select a.id, m.code, a.title, a.due_date, a.status, a.percent
            from mou_actions a join mous m on m.id = a.mou_id
            where a.responsible_organization_id = $1 and a.status not in ('Done','Cancelled')
            order by (a.due_date < $2) desc, a.due_date
            """, org, today));
        app.MapGet("/communities", async (HttpContext ctx, string category, int province) => await Rows(ctx, db, """
            select c.id, c.name, c.village_no, d.name_th, p.name_th, c.category, c.last_assessed_on, count(*) over ()
            from communities c join districts d on d.id = c.district_id join provinces p on p.id = c.province_id
            where c.category = $1 and c.province_id = $2 order by c.name, c.id limit 50
            """, category, province));
        app.MapGet("/verify/{code}", async (HttpContext ctx, string code) => await Rows(ctx, db,
            "select holder_name, course_title, cohort_name, issued_on, status from certificates where code = $1", code));
        app.MapGet("/pdf/{code}", async (string code) =>
            await Scalar<byte[]>(db, "select pdf from certificates where code = $1", code) is { } pdf ? Results.File(pdf, "application/pdf") : Results.NotFound());
        app.MapGet("/report", async (HttpContext ctx, int year) => await Rows(ctx, db, """
            select c.course_id, count(distinct c.id), count(e.id), count(*) filter (where e.completed), (select count(*) from certificates x where extract(year from x.issued_on) = $1)
            from cohorts c left join enrollments e on e.cohort_id = c.id
            where extract(year from c.start_date) = $1 group by c.course_id
            """, year));
        await app.RunAsync();
    }

    private sealed record Mark(long EnrollmentId, string Status);

    private static async Task<T?> Scalar<T>(NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var v = await cmd.ExecuteScalarAsync();
        return v is null or DBNull ? default : (T)v;
    }

    /// <summary>One query; each row as a table row of HTML-encoded cells.</summary>
    private static async Task Rows(HttpContext ctx, NpgsqlDataSource db, string sql, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        var sb = new StringBuilder("<!doctype html><meta charset=utf-8><table>");
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                sb.Append("<tr>");
                for (var i = 0; i < r.FieldCount; i++) sb.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(r.IsDBNull(i) ? "" : r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))).Append("</td>");
                sb.Append("</tr>");
            }
        sb.Append("</table>");
        await Html(ctx, sb.ToString());
    }

    private static Task Html(HttpContext ctx, string html)
    {
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.WriteAsync(html);
    }
}
