using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Pages.Privacy;

namespace PartnerPrograms.Web.Tests.Pdpa;

/// <summary>
/// The reminder log keeps a keyed hash of an address, never the address: rows written before 0017 are converted at
/// start (their outbox dedupe keys too) and the reminders they record are still recognised as sent.
/// </summary>
public class ReminderKeyTests
{
    private static async Task<object?> ScalarAsync(string cs, string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Address_keys_from_before_0017_are_hashed_at_start_and_their_reminders_still_count_as_sent()
    {
        var cs = await TestDatabase.CreateAsync();
        await using (var first = new PortalFactory(cs)) first.Services.GetRequiredService<NationalIdProtector>();
        var message = await ScalarAsync(cs, """
            insert into email_outbox (dedupe_key, "to", subject, html_body, text_body, language, status, attempts, next_attempt_at, created_at)
            values ('reminder:MouTermEnding:email:contact@example.org:mou:1:term:30', 'contact@example.org', 's', 'h', 't', 'th', 'Sent', 1, now(), now())
            returning id
            """);
        await ScalarAsync(cs, "insert into reminder_log (kind, recipient_key, occurrence_key, created_at, outbox_message_id) values ('MouTermEnding', 'email:contact@example.org', 'mou:1:term:30', now(), $1)", message!);
        // The same reminder already logged under its hash (a newer instance got there first): the old row is a duplicate.
        await ScalarAsync(cs, "insert into reminder_log (kind, recipient_key, occurrence_key, created_at) values ('MouTermEnding', 'email:dup@example.org', 'mou:2:term:30', now())");
        await ScalarAsync(cs, "insert into reminder_log (kind, recipient_key, occurrence_key, created_at) values ('MouTermEnding', $1, 'mou:2:term:30', now())",
            RecipientKeys.ForEmail("dup@example.org", PortalFactory.NationalIds));

        await using var app = new PortalFactory(cs);
        app.Services.GetRequiredService<NationalIdProtector>(); // started: the conversion has run
        (await ScalarAsync(cs, "select count(*) from reminder_log where recipient_key like '%@%'")).ShouldBe(0L);
        (await ScalarAsync(cs, "select count(*) from reminder_log")).ShouldBe(2L);
        (await ScalarAsync(cs, "select dedupe_key from email_outbox")).ShouldBe(
            "reminder:MouTermEnding:" + RecipientKeys.ForEmail("contact@example.org", PortalFactory.NationalIds) + ":mou:1:term:30");
        (await app.Services.GetRequiredService<ReminderKeyMaintenance>().HashEmailKeysAsync(cs)).ShouldBe(0, "nothing left on a second run");

        var outcome = await app.InScopeAsync(sp => sp.GetRequiredService<ReminderSender>().SendAsync(ReminderKind.MouTermEnding, null,
            "email:Contact@Example.org", "mou:1:term:30", new OutboxMessage { To = "contact@example.org", Subject = "s", HtmlBody = "h", TextBody = "t" }));
        outcome.ShouldBe(ReminderOutcome.AlreadySent);
    }
}
