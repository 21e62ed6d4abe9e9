using MimeKit;
using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>What the MailKit sender puts on the wire, and how the dispatcher answers each kind of refusal.</summary>
public sealed class MailKitDeliveryTests : IAsyncLifetime
{
    private OutboxHarness _h = null!;
    public async Task InitializeAsync() => _h = await OutboxHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_Thai_subject_goes_as_an_RFC_2047_encoded_word_and_arrives_intact()
    {
        const string subject = "วุฒิบัตรของท่านพร้อมแล้ว: หลักสูตรการเงินชุมชน รุ่นที่ ๑/๒๕๖๙";
        await _h.QueueAsync("thai:1", subject: subject, change: m => m.Attachments.Add(new OutboxAttachment
        {
            FileName = "วุฒิบัตร นางบุญเรือน ศรีสุข.pdf",
            ContentType = "application/pdf",
            Content = "%PDF-1.4 ทดสอบ"u8.ToArray(),
        }));
        (await _h.DispatchAsync()).ShouldBe((1, 0));

        var mail = _h.Smtp.Received.Single();
        mail.Subject.ShouldBe(subject);
        mail.RawHeaders.ShouldContain("Subject: =?utf-8?", Case.Insensitive);
        mail.RawHeaders.ShouldAllBe(c => c < 128, "headers are 7-bit: no SMTPUTF8 needed on the relay");
        mail.Raw.ShouldMatch(@"(?i)filename\*(0\*)?=utf-8''%E0%B8", "the Thai file name is an RFC 2231 parameter");
        mail.Attachments.Single().FileName.ShouldBe("วุฒิบัตร นางบุญเรือน ศรีสุข.pdf");
        var alternative = mail.Message.BodyParts.OfType<TextPart>().Select(p => p.ContentType.MimeType).ToList();
        alternative.ShouldBe(["text/plain", "text/html"]);
        mail.Text.ShouldContain("จัดทำหลักสูตรการเงินชุมชน");
        mail.Html.ShouldContain("<b>จัดทำหลักสูตรการเงินชุมชน</b>");
        mail.Header("X-PartnerPrograms-Key").ShouldBe("thai:1");
    }

    [Fact]
    public async Task A_4xx_keeps_the_message_pending_with_back_off_and_a_later_dispatch_sends_it()
    {
        await _h.QueueAsync("grey:1");
        _h.Smtp.Script.RefuseFirst(1, "451 4.7.1 greylisted, try again later");
        (await _h.DispatchAsync()).ShouldBe((0, 1));
        var waiting = await _h.MessageAsync("grey:1");
        waiting.Status.ShouldBe(OutboxStatus.Pending);
        waiting.Attempts.ShouldBe(1);
        waiting.LastError!.ShouldStartWith("451 ");
        waiting.NextAttemptAt.ShouldBe(_h.Now.AddMinutes(1));

        (await _h.DispatchAsync()).ShouldBe((0, 0), "not due before its back-off");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _h.DispatchAsync()).ShouldBe((1, 0));
        var sent = await _h.MessageAsync("grey:1");
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.Attempts.ShouldBe(2);
        _h.Smtp.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_550_for_one_recipient_fails_that_message_at_once_and_the_rest_of_the_batch_goes()
    {
        _h.Smtp.Script.RejectRecipient("nobody@gsb.example");
        await _h.QueueAsync("unknown:1", "nobody@gsb.example");
        await _h.QueueAsync("known:1", "officer@gsb.example");
        (await _h.DispatchAsync()).ShouldBe((1, 1));

        var failed = await _h.MessageAsync("unknown:1");
        failed.Status.ShouldBe(OutboxStatus.Failed, "no retry can make an unknown mailbox known");
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldStartWith("550 ");
        failed.LastError.ShouldContain("nobody@gsb.example");
        (await _h.MessageAsync("known:1")).Status.ShouldBe(OutboxStatus.Sent);
        _h.Smtp.Received.Single().To.ShouldBe(["officer@gsb.example"]);
        _h.Smtp.Sessions.ShouldBe(1, "a refusal leaves the connection usable for the next message");

        var attempts = _h.Smtp.Script.Attempts;
        _h.Clock.Advance(TimeSpan.FromHours(7));
        (await _h.DispatchAsync()).ShouldBe((0, 0));
        _h.Smtp.Script.Attempts.ShouldBe(attempts, "no futile retries");
    }

    [Fact]
    public async Task A_line_break_in_a_header_value_cannot_add_a_header_and_the_message_is_not_left_sending()
    {
        // MimeKit drops a bare CR/LF when it writes a header, gluing the pieces together; the sender's own cleaning
        // makes each break (and any other control character, here NEL) one space.
        await _h.QueueAsync("crlf:1\r\nX-Injected: key", subject: "ยืนยันการอบรม\r\nBcc: attacker@evil.example\u0085X-Other: 1", change: m => m.Attachments.Add(
            new OutboxAttachment { FileName = "รายชื่อ\r\nX-Injected: file.pdf", ContentType = "application/pdf", Content = [1, 2, 3] }));
        (await _h.DispatchAsync()).ShouldBe((1, 0));

        var mail = _h.Smtp.Received.Single();
        mail.Subject.ShouldBe("ยืนยันการอบรม Bcc: attacker@evil.example X-Other: 1");
        mail.To.ShouldBe(["officer@gsb.example"], "the envelope has no injected recipient");
        mail.Message.Bcc.Count.ShouldBe(0);
        mail.Message.Headers.Contains("X-Injected").ShouldBeFalse();
        mail.RawHeaders.Split("\r\n").ShouldNotContain(l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        mail.Header("X-PartnerPrograms-Key").ShouldBe("crlf:1 X-Injected: key");
        mail.Attachments.Single().FileName.ShouldBe("รายชื่อ X-Injected: file.pdf");
        (await _h.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_row_that_cannot_become_an_e_mail_is_failed_and_never_left_sending()
    {
        await _h.QueueAsync("broken:1", "ผู้รับ ไม่มีที่อยู่");
        await _h.QueueAsync("fine:1");
        (await _h.DispatchAsync()).ShouldBe((1, 1));
        var broken = await _h.MessageAsync("broken:1");
        broken.Status.ShouldBe(OutboxStatus.Failed);
        broken.LastError!.ShouldContain("is not an e-mail address");
        (await _h.MessageAsync("fine:1")).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task One_connection_carries_a_batch_and_after_a_drop_the_next_message_reconnects()
    {
        for (var i = 0; i < 4; i++) await _h.QueueAsync("drop:" + i, $"p{i}@example.org");
        _h.Smtp.Script.DropConnectionAtAttempt(2);
        (await _h.DispatchAsync()).ShouldBe((3, 1));
        _h.Smtp.Sessions.ShouldBe(2, "one connection, and one more after the drop");
        var dropped = await _h.MessageAsync("drop:1");
        dropped.Status.ShouldBe(OutboxStatus.Pending, "a dropped connection is worth a retry");
        dropped.Attempts.ShouldBe(1);
        dropped.LastError.ShouldNotBeNullOrEmpty();

        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _h.DispatchAsync()).ShouldBe((1, 0));
        _h.Smtp.Received.Select(m => m.To.Single()).Order().ShouldBe(["p0@example.org", "p1@example.org", "p2@example.org", "p3@example.org"]);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_message_exactly_once()
    {
        for (var i = 0; i < 30; i++) await _h.QueueAsync("pair:" + i, $"r{i}@example.org");
        var results = await Task.WhenAll(_h.DispatchAsync(), _h.DispatchAsync());
        results.Sum(r => r.Sent).ShouldBe(30);
        results.Sum(r => r.Failed).ShouldBe(0);
        _h.Smtp.Received.GroupBy(m => m.To.Single()).ShouldAllBe(g => g.Count() == 1);
        _h.Smtp.Received.Count.ShouldBe(30);
        (await _h.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task A_slow_relay_cannot_make_a_second_sender_repeat_a_message_the_first_is_still_on()
    {
        for (var i = 0; i < 6; i++) await _h.QueueAsync("slow:" + i, $"s{i}@example.org");
        // The relay takes six minutes over each of the first two messages. While it holds the second, twelve minutes
        // after the run began (past a ten-minute lease taken at its start), another scheduler runs: it may take the
        // messages nobody is on yet, never the one in flight.
        Task<(int Sent, int Failed)>? second = null;
        _h.Smtp.OnReceived = async _ =>
        {
            if (_h.Smtp.Received.Count > 2) return;
            _h.Clock.Advance(TimeSpan.FromMinutes(6));
            if (_h.Smtp.Received.Count == 2) await (second = _h.DispatchAsync());
        };
        var first = await _h.DispatchAsync();

        var other = await (second ?? throw new InvalidOperationException("the second sender never ran"));
        (first.Sent + other.Sent).ShouldBe(6);
        _h.Smtp.Received.GroupBy(m => m.To.Single()).ShouldAllBe(g => g.Count() == 1, "no message was sent twice");
        _h.Smtp.Received.Count.ShouldBe(6);
        (await _h.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1);
    }
}
