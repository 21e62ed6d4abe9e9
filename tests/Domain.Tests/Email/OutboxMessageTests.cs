using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Domain.Tests.Email;

public class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_permanent_refusal_fails_the_message_at_once_with_the_servers_words()
    {
        var m = new OutboxMessage { Status = OutboxStatus.Sending, NextAttemptAt = Now.AddMinutes(10) };
        m.RecordPermanentFailure("550 5.1.1 mailbox unknown (nobody@example.org)", Now);
        m.Status.ShouldBe(OutboxStatus.Failed);
        m.Attempts.ShouldBe(1);
        m.LastError.ShouldBe("550 5.1.1 mailbox unknown (nobody@example.org)");
        m.NextAttemptAt.ShouldBe(Now, "the lease is given up, nothing is scheduled");

        m.Requeue(Now);
        m.Status.ShouldBe(OutboxStatus.Pending, "an admin can still resend it");
    }

    [Fact]
    public void A_permanent_refusal_after_retries_keeps_the_count_and_a_long_reply_is_cut()
    {
        var m = new OutboxMessage();
        m.RecordFailure("451 try again later", Now, maxAttempts: 8);
        m.RecordPermanentFailure("554 " + new string('x', 3000), Now);
        m.Status.ShouldBe(OutboxStatus.Failed);
        m.Attempts.ShouldBe(2);
        m.LastError!.Length.ShouldBe(2000);
        m.LastError.ShouldStartWith("554 ");
    }
}
