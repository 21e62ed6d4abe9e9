using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Tests.Shared;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>
/// The real app on its own database with a hand-moved clock, sending to a test SMTP server on 127.0.0.1: queue rows
/// as any page or job would, run the dispatcher as the recurring job does, read back the rows and what arrived.
/// </summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    private OutboxHarness(SmtpTestServer smtp, PortalFactory app, WebApplicationFactory<Program> web, TestClock clock)
    {
        Smtp = smtp;
        App = app;
        Web = web;
        Clock = clock;
    }

    public SmtpTestServer Smtp { get; }
    public PortalFactory App { get; }
    public WebApplicationFactory<Program> Web { get; }
    public TestClock Clock { get; }
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Plain SMTP unless <paramref name="security"/> says otherwise; <paramref name="settings"/> adds to or overrides Smtp:*.</summary>
    public static async Task<OutboxHarness> StartAsync(SmtpTestSecurity security = SmtpTestSecurity.None,
        Func<SmtpTestServer, IDictionary<string, string?>>? settings = null)
    {
        var smtp = SmtpTestServer.Start(security);
        var all = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Mail:MaxAttempts"] = "4",
        };
        foreach (var (k, v) in settings?.Invoke(smtp) ?? new Dictionary<string, string?>()) all[k] = v;
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var app = await PortalFactory.CreateAsync(all);
        var web = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        return new OutboxHarness(smtp, app, web, clock);
    }

    public async Task<(int Sent, int Failed)> DispatchAsync()
    {
        await using var scope = Web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    public async Task<OutboxMessage> QueueAsync(string key, string to = "officer@gsb.example", string subject = "แจ้งเตือน: ภารกิจใกล้ครบกำหนด 3 รายการ",
        Action<OutboxMessage>? change = null)
    {
        await using var scope = Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = new OutboxMessage
        {
            DedupeKey = key,
            To = to,
            Subject = subject,
            NextAttemptAt = Now,
            CreatedAt = Now,
            TextBody = "เรียน คุณวิภาวรรณ ออมทรัพย์\nภารกิจ \"จัดทำหลักสูตรการเงินชุมชน\" ครบกำหนด 2 มีนาคม 2563",
            HtmlBody = "<p>เรียน คุณวิภาวรรณ ออมทรัพย์</p><p>ภารกิจ <b>จัดทำหลักสูตรการเงินชุมชน</b> ครบกำหนด 2 มีนาคม 2563</p>",
        };
        change?.Invoke(message);
        (await EmailOutbox.QueueAsync(db, message)).ShouldBeTrue();
        await db.SaveChangesAsync();
        return message;
    }

    public Task<List<OutboxMessage>> MessagesAsync() => App.DbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<OutboxMessage> MessageAsync(string key) => App.DbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DedupeKey == key));

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
