using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>The outbox against a real SMTP conversation on 127.0.0.1.</summary>
public class SmtpOutboxTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private PortalFactory _app = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _web = null!;
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _smtp = SmtpTestServer.Start();
        _app = await PortalFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Mail:MaxAttempts"] = "4",
        });
        _web = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<(int Sent, int Failed)> DispatchAsync()
    {
        await using var scope = _web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    private async Task QueueAsync(string key, string to = "officer@gsb.example", string? cc = null, OutboxAttachment? attachment = null)
    {
        await using var scope = _web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerPrograms.Domain.Database.AppDbContext>();
        var message = new OutboxMessage
        {
            DedupeKey = key,
            To = to,
            Cc = cc,
            Subject = "แจ้งเตือน: ภารกิจใกล้ครบกำหนด 3 รายการ",
            TextBody = "เรียน คุณวิภาวรรณ ออมทรัพย์\nภารกิจ \"จัดทำหลักสูตรการเงินชุมชน\" ครบกำหนด 2 มีนาคม 2563",
            HtmlBody = "<p>เรียน คุณวิภาวรรณ ออมทรัพย์</p><p>ภารกิจ <b>จัดทำหลักสูตรการเงินชุมชน</b> ครบกำหนด 2 มีนาคม 2563</p>",
            NextAttemptAt = _clock.GetUtcNow().UtcDateTime,
        };
        if (attachment is not null) message.Attachments.Add(attachment);
        (await EmailOutbox.QueueAsync(db, message)).ShouldBeTrue();
        await db.SaveChangesAsync();
    }

    private Task<List<OutboxMessage>> MessagesAsync() => _app.DbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Messages_arrive_with_recipients_Thai_subject_and_bodies_and_attachments_intact()
    {
        var pdf = "%PDF-1.4 test"u8.ToArray();
        await QueueAsync("digest:1", "officer@gsb.example, deputy@gsb.example", "staff@foundation.example",
            new OutboxAttachment { FileName = "บันทึกข้อตกลง MOU-2563-001.pdf", ContentType = "application/pdf", Content = pdf });
        (await DispatchAsync()).ShouldBe((1, 0));

        _smtp.Received.Count.ShouldBe(1);
        var mail = _smtp.Received.Single();
        mail.To.ShouldBe(["officer@gsb.example", "deputy@gsb.example", "staff@foundation.example"], ignoreOrder: true);
        mail.Header("Cc").ShouldContain("staff@foundation.example");
        mail.Subject.ShouldBe("แจ้งเตือน: ภารกิจใกล้ครบกำหนด 3 รายการ");
        mail.Text.ShouldContain("ภารกิจ \"จัดทำหลักสูตรการเงินชุมชน\" ครบกำหนด 2 มีนาคม 2563");
        mail.Html.ShouldContain("<b>จัดทำหลักสูตรการเงินชุมชน</b>");
        var attachment = mail.Attachments.Single();
        attachment.FileName.ShouldBe("บันทึกข้อตกลง MOU-2563-001.pdf");
        attachment.Content.ShouldBe(pdf);

        var stored = (await MessagesAsync()).Single();
        stored.Status.ShouldBe(OutboxStatus.Sent);
        stored.SentAt.ShouldBe(_clock.GetUtcNow().UtcDateTime);
        (await DispatchAsync()).ShouldBe((0, 0), "a sent message is not sent again");
        _smtp.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refusing_server_keeps_mail_queued_with_back_off_until_it_accepts()
    {
        await QueueAsync("digest:a");
        await QueueAsync("digest:b", "other@cdd.example");
        _smtp.RefuseWith = "451 4.3.0 try again later";
        (await DispatchAsync()).ShouldBe((0, 2));
        var queued = await MessagesAsync();
        queued.ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 1 && m.LastError != null);
        queued[0].NextAttemptAt.ShouldBe(_clock.GetUtcNow().UtcDateTime.AddMinutes(1));

        (await DispatchAsync()).ShouldBe((0, 0), "not due again before the back-off");
        _clock.Advance(TimeSpan.FromMinutes(1));
        _smtp.RefuseWith = null;
        (await DispatchAsync()).ShouldBe((2, 0));
        _smtp.Received.Count.ShouldBe(2);
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 2);
    }

    [Fact]
    public async Task A_server_outage_loses_nothing_and_sends_nothing_twice()
    {
        for (var i = 0; i < 5; i++) await QueueAsync("outage:" + i, $"p{i}@example.org");
        await _smtp.StopAsync();
        (await DispatchAsync()).ShouldBe((0, 5));
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await DispatchAsync()).ShouldBe((0, 5));
        (await MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 2);

        _smtp.Restart();
        _clock.Advance(TimeSpan.FromMinutes(2));
        (await DispatchAsync()).ShouldBe((5, 0));
        _smtp.Received.Select(m => m.To.Single()).Order().ShouldBe(Enumerable.Range(0, 5).Select(i => $"p{i}@example.org"));
        (await DispatchAsync()).ShouldBe((0, 0));
        _smtp.Received.Count.ShouldBe(5);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_failed_for_the_admin_who_can_resend_it()
    {
        await QueueAsync("fails:1");
        _smtp.RefuseWith = "450 mailbox busy";
        for (var i = 0; i < 4; i++)
        {
            await DispatchAsync();
            _clock.Advance(TimeSpan.FromHours(7));
        }
        var failed = (await MessagesAsync()).Single();
        failed.Status.ShouldBe(OutboxStatus.Failed);
        failed.Attempts.ShouldBe(4);
        failed.LastError!.ShouldContain("450");
        (await DispatchAsync()).ShouldBe((0, 0), "a failed message waits for a person");

        _smtp.RefuseWith = null;
        await _app.DbAsync(async db =>
        {
            var m = await db.OutboxMessages.SingleAsync();
            m.Requeue(_clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        (await DispatchAsync()).ShouldBe((1, 0));
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_message_once()
    {
        for (var i = 0; i < 40; i++) await QueueAsync("race:" + i, $"r{i}@example.org");
        var results = await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());
        results.Sum(r => r.Sent).ShouldBe(40);
        _smtp.Received.Count.ShouldBe(40);
        _smtp.Received.Select(m => m.To.Single()).Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public async Task Queueing_the_same_key_twice_keeps_one_message()
    {
        await QueueAsync("same:1");
        await using var scope = _web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnerPrograms.Domain.Database.AppDbContext>();
        (await EmailOutbox.QueueAsync(db, new OutboxMessage { DedupeKey = "same:1", To = "x@example.org", Subject = "s" })).ShouldBeFalse();
        (await db.OutboxMessages.CountAsync()).ShouldBe(1);
    }
}
